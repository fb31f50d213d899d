"""Every word factbook itself puts on a page, per edition language, in one table.

Book words (topics, labels, units, captions) are not here: they come from the
data file and conf.py.
"""

WORDS = {
    "zh": {"key": "键", "label": "指标", "value": "数值", "period": "时期",
           "source": "来源或公式", "note": "说明", "derived": "推算：{}", "conflict": "与之冲突：",
           "also": "（同见{}）", "located": "（{}）", "topic": "主题",
           "chart_data": "{}（图表数据）", "derived_label": "（推算）", "derived_word": "推算"},
    "en": {"key": "Key", "label": "Measure", "value": "Value", "period": "Period",
           "source": "Source or formula", "note": "Notes", "derived": "derived: {}",
           "conflict": "Conflicts with: ", "also": " (also in {})", "located": " ({}) ",
           "topic": "Topic", "chart_data": "{} (chart data)",
           "derived_label": " (derived)", "derived_word": "derived"},
}
