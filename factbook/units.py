"""Units and measure words the data file may use, with their English forms.

Chinese renders the number, the scale word, 余 and the unit in that order
(890余个, 1万余户); English needs the scale applied and its own word order.
"""

# unit -> (English noun or symbol, kind)
#   count: a measure word; English drops it (890余个 -> more than 890) and the
#          sentence supplies the noun
#   suffix: English puts the symbol after the number with a space (3.11 km)
#   tight: English puts it right after the number (54.2%)
#   money: yuan; English writes CNY before the number
#   rank: an ordinal (全市第一 -> first)
UNITS = {
    "个": ("", "count"),
    "项": ("", "count"),
    "次": ("", "count"),  # 7次 -> 7: the English text names what (7 missions, 1,250 visits)
    "件": ("", "count"),
    "户": ("households", "suffix"),
    "支": ("", "count"),
    "处": ("", "count"),
    "宗": ("parcels", "suffix"),
    "场": ("", "count"),
    "类": ("categories", "suffix"),
    "级": ("levels", "suffix"),
    "张": ("", "count"),  # a record may name its English noun: unit_en
    "年": ("years", "suffix"),
    "月": ("month", "month"),
    "倍": ("times", "times"),
    "亩": ("mu", "suffix"),
    "公顷": ("ha", "suffix"),
    "平方米": ("m²", "suffix"),
    "千米": ("km", "suffix"),
    "公里": ("km", "suffix"),
    "元": ("CNY", "money"),
    "元每平方米": ("CNY per m²", "money"),
    "元每户": ("CNY per household", "money"),
    "%": ("%", "tight"),
    "个百分点": ("percentage points", "suffix"),
    "rank": ("", "rank"),
}

# How Chinese writes the compound units in running text.
ZH_UNIT_TEXT = {"元每平方米": "元/平方米", "元每户": "元/户", "rank": ""}

SCALES = {"万": 10_000, "亿": 100_000_000}

QUALIFIERS = ("exact", "about", "more_than")
