"""The plan workbook (template, reader, exporter) and the regional plan
import. Services that use them live in `selaras.plans.imports`."""
