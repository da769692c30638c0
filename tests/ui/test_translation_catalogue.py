"""The window's catalogues are complete and current, and every visible text reaches them.

- The committed ``.ts`` files hold exactly the messages lupdate extracts from the code now.
- Every Swedish message has a finished translation with the source's ``{placeholders}``:
  a visible string without a Swedish translation fails here.
- Each committed ``.qm`` is what lrelease makes of its ``.ts``.
- Every module-level ``_tr`` helper translates in context "" (where lupdate files it).
- No literal text goes to a widget without tr(): a scan of the UI's source for the calls
  that put text on screen (setText, QLabel(...), addTab, message boxes, ...).
- Every text given to tr() reaches lupdate: a constant is extracted under the context that
  looks it up, and a QT_TRANSLATE_NOOP names a context its module translates in.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from string import Formatter

import pytest

from finqr_desktop.ui import translation_catalogue as catalogue

UI = catalogue.UI_PACKAGE
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def placeholders(text: str) -> list[str]:
    """The ``{names}`` that ``str.format`` fills in, doubled braces being literal text;
    a text that is no valid format string is compared as its brace groups."""
    try:
        return sorted(
            f"{{{name}}}" for _, name, _, _ in Formatter().parse(text) if name is not None
        )
    except ValueError:
        return sorted(PLACEHOLDER.findall(text))


def messages(ts: Path) -> dict[tuple[str, str], ElementTree.Element]:
    """(context, source) -> the message element, for every message of a .ts file."""
    found = {}
    for context in ElementTree.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[tuple[str, str], ElementTree.Element]:
    """What lupdate extracts from the code as it is now (into a throwaway .ts)."""
    folder = tmp_path_factory.mktemp("lupdate")
    (target,) = catalogue.update(("sv",), target_of=lambda language: folder / "now_sv.ts")
    return messages(target)


def modules() -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(UI.glob("*.py"))
    ]


# The committed catalogues


@pytest.mark.parametrize("language", catalogue.LANGUAGES)
def test_the_committed_catalogue_holds_what_the_code_asks_for(extracted, language):
    committed = set(messages(catalogue.ts_path(language)))
    missing = sorted(set(extracted) - committed)
    stale = sorted(committed - set(extracted))
    hint = "run: python -m finqr_desktop.ui.translation_catalogue update"
    assert missing == [], f"texts not in the {language} catalogue ({hint}): {missing}"
    assert stale == [], f"texts the code no longer asks for ({hint}): {stale}"


def _translations(message: ElementTree.Element) -> list[str]:
    translation = message.find("translation")
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


def test_every_swedish_message_is_translated_with_the_same_placeholders():
    problems = []
    for (context, source), message in messages(catalogue.ts_path("sv")).items():
        kind = message.find("translation").get("type")
        texts = _translations(message)
        where = f"{context or '(no context)'}: {source!r}"
        if kind in ("unfinished", "vanished", "obsolete") or not all(t.strip() for t in texts):
            problems.append(f"{where} has no finished Swedish translation")
            continue
        wanted = placeholders(source)
        for text in texts:
            if placeholders(text) != wanted:
                problems.append(f"{where} is translated as {text!r}, with other placeholders")
    assert problems == [], f"{len(problems)} Swedish problems:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", catalogue.LANGUAGES)
def test_each_committed_qm_is_its_ts_compiled(tmp_path, language):
    committed = catalogue.qm_path(language)
    assert committed.is_file(), f"{committed.name} is missing: run the compile step"
    fresh = tmp_path / committed.name
    catalogue.compile_catalogue(catalogue.ts_path(language), fresh)
    assert fresh.read_bytes() == committed.read_bytes(), (
        f"{committed.name} is not its .ts compiled: "
        "run python -m finqr_desktop.ui.translation_catalogue compile"
    )


# Helpers and contexts


def _is_translate(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "translate"
    )


def test_every_tr_helper_translates_in_the_empty_context():
    helpers = 0
    for path, tree in modules():
        for function in tree.body:
            if not (isinstance(function, ast.FunctionDef) and function.name == "_tr"):
                continue
            helpers += 1
            calls = [node for node in ast.walk(function) if _is_translate(node)]
            assert calls, f"{path.name}: _tr does not call QCoreApplication.translate"
            for call in calls:
                context = call.args[0]
                assert isinstance(context, ast.Constant) and context.value == "", (
                    f"{path.name}:{call.lineno}: _tr translates in context "
                    f'{ast.unparse(context)}, but lupdate files _tr texts under ""'
                )
    assert helpers >= 10  # the scan found the helpers at all


def _class_names(tree: ast.Module) -> set[str]:
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}


def test_every_text_marked_for_later_names_a_context_of_its_module():
    """QT_TRANSLATE_NOOP("Context", text) is looked up later by self.tr() of a class: the
    context must be one of the module's classes (or "" for a _tr helper)."""
    for path, tree in modules():
        contexts = _class_names(tree) | {""}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP":
                context = node.args[0].value
                assert context in contexts, f"{path.name}:{node.lineno}: no class {context!r}"


def _module_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level names bound to a string (plain, or marked with QT_TRANSLATE_NOOP)."""
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
            if isinstance(value, ast.Call) and getattr(value.func, "id", "").endswith("_NOOP"):
                value = value.args[-1]
            if isinstance(target, ast.Name) and isinstance(value, ast.Constant):
                if isinstance(value.value, str):
                    constants[target.id] = value.value
    return constants


def _contexts_of_calls(tree: ast.Module):
    """(class name or "", call) for every call in the module."""

    def walk(node, context):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.ClassDef) else context
            if isinstance(child, ast.Call):
                yield context, child
            yield from walk(child, inner)

    yield from walk(tree, "")


# Texts passed on by name that tr() cannot see where they are written, with the reason.
NOT_EXTRACTED_BY_NAME = {
    # Messages from services and the domain: lupdate reads them where they are written
    # (domain.messages.Message), message_text only looks them up.
    ("message_text.py", "text.template"),
}


def test_every_text_given_to_tr_by_name_reaches_lupdate(extracted):
    problems = []
    for path, tree in modules():
        constants = _module_constants(tree)
        marks_texts = any(
            isinstance(node, ast.Name) and node.id in ("QT_TRANSLATE_NOOP", "QT_TR_NOOP")
            for node in ast.walk(tree)
        )
        for context, call in _contexts_of_calls(tree):
            name = call.func.attr if isinstance(call.func, ast.Attribute) else None
            name = name or getattr(call.func, "id", None)
            if name == "tr" and call.args:
                text, lookup = call.args[0], context
            elif name == "_tr" and call.args:
                text, lookup = call.args[0], ""
            else:
                continue
            if isinstance(text, ast.Constant) or (path.name, ast.unparse(text)) in (
                NOT_EXTRACTED_BY_NAME
            ):
                continue
            if isinstance(text, ast.Name) and text.id in constants:
                if (lookup, constants[text.id]) not in extracted:
                    problems.append(
                        f"{path.name}:{call.lineno}: {text.id} is looked up in context "
                        f"{lookup!r} but lupdate does not extract it there (mark it with "
                        f'QT_TRANSLATE_NOOP("{lookup}", ...))'
                    )
            elif not marks_texts:
                problems.append(
                    f"{path.name}:{call.lineno}: {ast.unparse(call)} translates a text "
                    "lupdate never sees; write the literal, or mark it with QT_TRANSLATE_NOOP"
                )
    assert problems == [], "\n".join(problems)


# Literal texts on screen

# The calls that put text on screen, with the positions of their text arguments.
TEXT_METHODS = {
    "setText": (0,), "setWindowTitle": (0,), "setToolTip": (0,), "setStatusTip": (0,),
    "setWhatsThis": (0,), "setPlaceholderText": (0,), "setTitle": (0,), "setLabelText": (0,),
    "setInformativeText": (0,), "setDetailedText": (0,), "showMessage": (0,),
    "setSpecialValueText": (0,), "setPrefix": (0,), "setSuffix": (0,), "setButtonText": (1,),
    "setTabText": (1,), "setTabToolTip": (1,), "setItemText": (1,), "addTab": (1,),
    "insertTab": (2,), "addItem": (0,), "insertItem": (1,), "addItems": (0,),
    "setHorizontalHeaderLabels": (0,), "setVerticalHeaderLabels": (0,),
    "setHeaderLabels": (0,), "addRow": (0,), "addAction": (0, 1), "addMenu": (0, 1),
    "addButton": (0,), "setAccessibleName": (0,), "setAccessibleDescription": (0,),
}  # fmt: skip
# Static dialogs: (class or module, function) -> text positions.
DIALOG_CALLS = {
    **{("QMessageBox", kind): (1, 2) for kind in ("information", "warning", "critical")},
    **{("QMessageBox", kind): (1, 2) for kind in ("question", "about")},
    **{("messages", kind): (1, 2) for kind in ("confirm", "inform", "warn")},
    ("QFileDialog", "getSaveFileName"): (1, 3),
    ("QFileDialog", "getOpenFileName"): (1, 3),
    ("QFileDialog", "getExistingDirectory"): (1,),
    ("QInputDialog", "getText"): (1, 2),
    ("QInputDialog", "getItem"): (1, 2),
}
TEXT_WIDGETS = {
    "QLabel": (0,), "QPushButton": (0,), "QCheckBox": (0,), "QRadioButton": (0,),
    "QGroupBox": (0,), "QAction": (0, 1), "QToolButton": (0,), "QMenu": (0,),
    "QCommandLinkButton": (0, 1), "QMessageBox": (1, 2, 3), "QListWidgetItem": (0,),
    "QTableWidgetItem": (0,), "QTreeWidgetItem": (0,), "QBarSet": (0,),
}  # fmt: skip

# Words that read the same in every language the window speaks, each with the reason. A
# literal is flagged when anything but these, punctuation, digits and {fields} is left.
UNTRANSLATED = {
    "FINQR Desktop": "the product's name",
    "EUR": "a currency code, shown as an example",
    "smtp.example.se": "an example host name",
    "https://kund.example.se/": "an example address",
    "Europe/Stockholm": "an IANA time zone name, typed as it is",
    "#RRGGBB": "the notation of a colour code",
    "mm": "the unit symbol of millimetres",
    "kB": "the unit symbol of kilobytes",
    "BAS": "the name of the Swedish chart of accounts",
    "A4": "a paper size's name",
    "Letter": "a paper size's name",
}


def _literal_text(node: ast.AST) -> str | None:
    """The fixed words of an expression that is (or is built straight from) a literal:
    a string, an f-string's text, "...".format(...), a concatenation, a list of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(part.value for part in node.values if isinstance(part, ast.Constant))
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        return _literal_text(node.func.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        parts = [_literal_text(node.left), _literal_text(node.right)]
        return " ".join(part for part in parts if part) or None
    if isinstance(node, ast.IfExp):
        parts = [_literal_text(node.body), _literal_text(node.orelse)]
        return " ".join(part for part in parts if part) or None
    if isinstance(node, (ast.List, ast.Tuple)):
        parts = [_literal_text(element) for element in node.elts]
        return " ".join(part for part in parts if part) or None
    return None


def untranslated_words(text: str) -> str:
    """What of ``text`` would need a translation: "" for "FINQR Desktop — {name}"."""
    rest = PLACEHOLDER.sub(" ", text)
    for word in sorted(UNTRANSLATED, key=len, reverse=True):
        rest = rest.replace(word, " ")
    return " ".join(rest.split()) if re.search(r"[^\W\d_]", rest) else ""


def _text_positions(call: ast.Call) -> tuple[int, ...]:
    func = call.func
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else None
        if (owner, func.attr) in DIALOG_CALLS:
            return DIALOG_CALLS[(owner, func.attr)]
        return TEXT_METHODS.get(func.attr, ())
    if isinstance(func, ast.Name):
        return TEXT_WIDGETS.get(func.id, ())
    return ()


def literal_texts_on_screen(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, words) of every literal text put on screen without tr()."""
    constants = _module_constants(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        arguments = list(node.args)
        texts = [arguments[i] for i in _text_positions(node) if i < len(arguments)]
        texts += [k.value for k in node.keywords if k.arg in ("text", "title", "toolTip")]
        for argument in texts:
            if isinstance(argument, ast.Name) and argument.id in constants:
                text = constants[argument.id]
            else:
                text = _literal_text(argument)
            words = untranslated_words(text) if text else ""
            if words:
                found.append((node.lineno, words))
    return sorted(found)


def test_no_literal_text_reaches_the_screen_without_tr():
    problems = [
        f"{path.name}:{line}: {words!r}"
        for path, tree in modules()
        for line, words in literal_texts_on_screen(tree)
    ]
    assert problems == [], "wrap these in self.tr() or _tr():\n" + "\n".join(problems)


def test_the_scan_finds_literal_texts_it_is_meant_to_find():
    """The scan itself: a literal in each kind of call is found; tr(), the product's name,
    data arguments and plain numbers are not."""
    source = """
label = QLabel("Customer")
button.setText(f"Sent {count} mails")
QMessageBox.warning(self, "Oops", self.tr("Fine"))
table.setHorizontalHeaderLabels(["Number", self.tr("Name")])
tabs.addTab(page, "Mail")
combo.addItem(self.tr("Manual"), "manual")
window.setWindowTitle(f"FINQR Desktop — {name}")
edit.setText(f"{value:g}")
logger.warning("not a widget %s", value)
dialog = QFileDialog.getSaveFileName(self, self.tr("Save"), f"{name}.json", "CSV (*.csv)")
"""
    found = [words for _line, words in literal_texts_on_screen(ast.parse(source))]
    assert found == ["Customer", "Sent mails", "Oops", "Number", "Mail", "CSV (*.csv)"]
