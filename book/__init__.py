"""The book's own material besides its text: what differs between the editions
(editions.py), where each edition and format lands (layout.py), the charts
(chart_drawings.py), the PDF's style (bookstyle.sty) and the search dictionary."""
