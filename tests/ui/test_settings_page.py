"""The Settings page keeps the company's numbering and OCR choices."""

from finqr_desktop.services import company as company_service
from finqr_desktop.services import numbering
from finqr_desktop.ui.settings_page import SettingsPage


def test_company_options_survive_a_save(qtbot, context):
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.form.ocr_length_digit.setChecked(False)
    page.form.next_bank_day.setChecked(True)
    assert page.save()
    with context.reading() as session:
        record = company_service.get_company(session)
        assert (record.ocr_length_digit, record.due_date_next_bank_day) == (False, True)


def test_number_pattern_is_previewed_validated_and_saved(qtbot, context):
    page = SettingsPage(context)
    qtbot.addWidget(page)
    form = page.numbering
    form.yearly_restart.setChecked(True)
    form.pattern.clear()
    qtbot.keyClicks(form.pattern, "F{seq:05}")
    # Restarting every year without the year in the number would repeat numbers.
    assert form.error.isVisibleTo(page)
    assert "restarts every year" in form.error.text()
    assert not form.save_button.isEnabled()
    form.yearly_restart.setChecked(False)
    assert not form.error.isVisibleTo(page)
    assert form.preview.text() == "F00001"
    assert form.save()
    with context.writing() as session:
        saved = numbering.current_pattern(session)
    assert (saved.pattern, saved.yearly_restart) == ("F{seq:05}", False)
