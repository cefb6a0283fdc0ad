"""Printed reports: the steering meeting pack, meeting minutes and the portfolio report.

The public functions live in portfolio.reports.documents (HTML or PDF bytes); this
package reads through portfolio/service/reports.py and never touches the database itself.
"""
