"""Reading and writing programme files, the official QPV list and the bundled examples.

With cli.py and the data loaders, the only place that touches the file system.
"""

from .csv_events import (
    COLUMNS,
    SheetImport,
    events_from_csv,
    import_sheet,
    merge_events_csv,
    read_events_csv,
    read_events_sheet,
)
from .examples import example_text, list_examples, load_example
from .programme_files import (
    dump_programme,
    dumps_programme,
    load_programme,
    loads_programme,
    programme_from_data,
    programme_json_schema,
)
from .qpv import QpvList, QpvRecord, check_qpv_codes, load_qpv_list, parse_qpv_list
from .sheets import to_csv, to_excel

__all__ = [
    "COLUMNS",
    "QpvList",
    "QpvRecord",
    "SheetImport",
    "check_qpv_codes",
    "dump_programme",
    "dumps_programme",
    "events_from_csv",
    "example_text",
    "import_sheet",
    "list_examples",
    "load_example",
    "load_programme",
    "load_qpv_list",
    "loads_programme",
    "merge_events_csv",
    "parse_qpv_list",
    "programme_from_data",
    "programme_json_schema",
    "read_events_csv",
    "read_events_sheet",
    "to_csv",
    "to_excel",
]
