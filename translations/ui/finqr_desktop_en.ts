<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Millions of {currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thousands of {currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected cash in per week, next {weeks} weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uncertainty band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>w{week}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week {week} ({start} – {end})
Expected: {expected} from {invoices}
Band: {low} to {high}
Click to list the invoices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: {amount} in {invoices}
Click to list them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still due, by days overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to list the invoices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average days late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoices counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days late averaged over each customer&apos;s recent paid invoices (early counts as on time) and its invoices overdue today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is paying late.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoices reminded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid within 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the invoices reminded at each level in the last 90 days (up to a week ago), how many were paid in full in the seven days after the reminder went.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reminder went out in the last 90 days (up to a week ago).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a bar or a row above to list the invoices behind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In company currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to open the invoice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} not included: no exchange rate entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incl. {amount} converted at {rate}, the rate from {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1–30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>31–60 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>61–90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No invoice has been paid yet, so each open invoice is placed at its due date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each open invoice at its due date plus its customer&apos;s median delay over its last {count} invoices paid in the last {days} days (others: the company-wide median, {median} days).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Band: the middle half of each customer&apos;s delays. Money already late counts in the current week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for {account} (kept only until the app closes):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peppol BIS 3 UBL (*.xml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Factur-X PDF/A-3 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export e-invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No e-invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is the ledger&apos;s own database file; choose another file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing of the last action was saved; your typing is still here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong inside FINQR Desktop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work saved before this is safe. Check that your last action did what you meant, and try it again. If it keeps happening, press Copy details and send the text to support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partially paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open (not yet paid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{percent} (exempt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse charge ({percent})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intra-EU supply ({percent})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export ({percent})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bankgiro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plusgiro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postponed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goes out when due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held: the customer has {amount} credit to place first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is this reminder skipped?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail is not set up: fill in Settings → E-mail to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the SMTP password: press Send due now to enter it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some mail waits and is tried again later: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending… {sent} sent so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run at {time} stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run at {time}: {sent} sent, {failed} failed, {deferred} to retry later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next run at {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending… {sent} sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail: {sent} sent, {failed} failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top banner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Above the lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Below the totals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Footer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder 3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel stops after the invoice in progress. Invoices issued until then stay issued; the others stay drafts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuing invoice {n} of {total}: {customer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuing stopped: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{issued} of {total} invoices issued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First number {first}, last {last}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A draft could not be issued: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{left} selected drafts stay drafts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the manual message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the friendly notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the last reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level {level}: {days} before the due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level {level}: on the due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level {level}: {days} after the due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason}; waits for the invoice e-mail, not sent yet, and then {days}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason}, {days} since {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason} (caught up after days away)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer &amp;statement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Aging report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIE &amp;export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIE a&amp;ccounts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo: {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo: {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FINQR backups (*.sqlite3 *.dump);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up the ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel stops the backup and removes the unfinished file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying the ledger into {folder}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup cancelled. No backup file was left behind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup was taken: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger is backed up to
{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel stops the check. Nothing has been changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the backup {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check cancelled. Nothing has been changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be restored: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup can be restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel stops the restore before the ledger is overwritten; the ledger then stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger is being overwritten with the backup. This cannot be stopped now; it takes a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bringing the backup to the current schema…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up the ledger as it is now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replacing the ledger with the backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore cancelled: the ledger is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not restored: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup is restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was brought to the current schema.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger as it was before is in
{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FINQR Desktop closes with this window; start it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the issue date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the delivery date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change whether prices include VAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the rounding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the invoice discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change our reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change your reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the description on line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the quantity on line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the unit on line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the unit price on line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the discount on line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the VAT rate on line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move line {line} up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move line {line} down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work is still running in this window. Change the language when it is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{section}: changes that are not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The invoice being edited: it cannot be saved as a draft yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window is rebuilt in the new language, and this would be lost:

{lost}

Change the language now anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row {row}, {field}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the margins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the template&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the primary colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the accent colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the font</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the logo position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the opening hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the block&apos;s campaign dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the block&apos;s title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the block&apos;s text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change where the block is printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the block&apos;s documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the block&apos;s customer tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the block&apos;s languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account {account} is also the {role} account; both meet in {kind}&apos;s verification, so they need two accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an account number is four digits from 1000 to 8999, not {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the invoice is already fully credited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a credit note must take an amount off: write the lines to credit with positive quantities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the credit note takes off {amount}, but only {left} is left to credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the invoice has no {rate} lines to credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>takes off {amount} at {rate}, but only {left} excluding VAT is left to credit at that rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payment term days must be a whole number, not {days}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payment term of {days} days is outside 0-{most} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read payment terms {text}: write e.g. 30, net 30, 30 days or eom+30</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payment terms {text}: {days} days is more than {most} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an ISO 3166 country code: {country}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no holiday calendar for country {country}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rule}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-invoice {number} breaks the EN 16931 sum rules: {breaks}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} is {stated} but {detail} is {computed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sum of line net amounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sum of the lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the allowance total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sum of the document allowances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the charge total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sum of document charges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the total without VAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lines − allowances + charges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the VAT total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sum of the VAT breakdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the total with VAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the total without VAT + VAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the amount due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the total with VAT − prepaid + rounding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the invoice has no VAT breakdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} is {value}, a negative zero the file cannot carry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}: net amount {amount} is not quantity {quantity} × price {price} − allowance {allowance} + charge {charge} = {expected}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>category {code} {percent} % has no VAT breakdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>category {code} {percent} %: taxable amount {taxable} is not the lines {lines} − allowances {allowances} = {expected}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>category {code} {percent} %: VAT {tax} is not taxable {taxable} × {percent} % rounded = {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>category {code} must carry no VAT, it has {tax}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} {value} has too many decimals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holds an encoded e-mail word (=?…?=); write the name as it reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give the bare address, name@example.com; the name is added when mail is sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it needs name@domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>longer than {most}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a bad character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>letters outside A–Z before the @</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no valid domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an e-mail address: {address} ({why})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a domain name: {domain}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: nothing was entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} {shown}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{char} is not allowed, use only digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot make an OCR number from {base}: it contains no digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an OCR number has {least}-{most} digits, so a fixed length of {length} is impossible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot make a {length}-digit OCR number from {base}: its {count} digits do not fit in the {room} left for the base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot make an OCR number from {base}: it would have {total} digits, at most {most} are allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OCR number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too short, an OCR number has at least {least} digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too long ({count} digits), an OCR number has at most {most}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{earlier} or {later}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has {count} digits but must have {agreed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the length digit is wrong: it says {digit} but the number has {count} digits (is a digit missing or extra?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the check digit is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a bankgiro number has 7 or 8 digits, this has {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a plusgiro number has 2 to 8 digits, this has {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has the wrong number of characters for {country}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not in the format used in {country}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part of it is not valid for {country}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a valid number for {country}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in 12 digits an organisation number starts with 16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it must have 10 digits, this has {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swedish VAT number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it must be SE followed by 12 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is an organisation number; the VAT number is SE{body}01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it must be SE followed by 12 digits, this has {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it must end in 01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the check digit of the organisation number part is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it starts with {found}, but a VAT number from {country} starts with {prefix}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAT numbers from {country} cannot be checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it may contain only letters and digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it must start with a country code and two check digits, e.g. SE45</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} is not a country that uses IBAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an IBAN from {country} has {length} characters, this has {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the check digits are wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the account part is not in the format used in {country}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a BIC has 8 or 11 characters, this has {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} is not a country code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it must be 4 letters for the bank, 2 for the country, 2 letters or digits for the place and optionally 3 for the branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot make an RF reference from {base}: it is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot make an RF reference from {base}: {char} is not allowed, use only letters A-Z and digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot make an RF reference from {base}: it has {count} characters, at most {most} are allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RF reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it must start with RF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RF must be followed by two check digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reference after the check digits is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too long: at most {most} characters may follow RF and the check digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be between {first} and {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the due date is before the issue date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an invoice needs at least one line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a discount cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the discount is unreasonably large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the invoice total is unreasonably large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the invoice total is negative; issue a credit note instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the invoice total is zero: there is nothing to invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than {exponent} decimals for {currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reverse charge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an intra-EU supply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line} is {what}, which needs the customer&apos;s VAT number: add it to customer {customer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a line needs a description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>longer than {most} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the quantity is zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the quantity is unreasonably large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most 4 decimals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the price is unreasonably large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be between 0 and 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most 2 decimals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the line amount is unreasonably large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a reference rate table needs at least one rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reference rates must be in date order, one per date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reference rate from {day} must be a Decimal, not {rate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reference rate known for {day}; the table starts later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{earlier}; {later}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an ISO 4217 currency code: {currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} has more than {exponent} decimals for {currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a decimal number, got {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a plain decimal number: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a decimal number: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a finite number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too large: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than {most} decimals: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read {text} as a number: {reason} (write it like {example})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing was entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exponent notation such as 1e5 is not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{char} does not belong in a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has more than one decimal separator {separator}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a sign may only come first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no digits follow the decimal separator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a dot is read as a decimal point only in plain digits like 1234.5, and never before exactly three digits, which could be a thousands separator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>digit groups must have exactly three digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown field {{{name}}} in number pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>format {spec} of {{{name}}} is not a digit width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number pattern {pattern}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number pattern needs {seq}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a series that restarts every year needs {year} or {yy}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the company needs its legal name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a BIC was given without an IBAN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the customer needs a customer number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most 40 characters, no spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the customer needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be &apos;company&apos; or &apos;person&apos;, not {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be one of {choices}, not {chosen}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a language code such as sv or en: {language}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the OCR reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message ({reading} read as {number})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message may mean invoice {numbers}, read loosely: choose one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message names several invoices ({numbers}): split the payment by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no open invoice has the reference {reference}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no open invoice has the number {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no OCR reference or invoice number found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the bank marked the reference {reference} as an incorrect OCR number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the creditor reference is not valid ({problem})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the OCR reference {reference} is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the OCR reference {reference} has a wrong check digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice {numbers} by {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a payment QR code needs a positive amount, not {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Swedish invoice QR code needs a due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reference must have 1 to {most} characters: {reference}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Swedish invoice QR code needs the payee&apos;s name and org number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payee&apos;s org number is too long: {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Swedish invoice QR code needs a bankgiro or plusgiro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an EPC QR amount must be 0.01 to 999999999.99 EUR, not {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} has more than two decimals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an EPC QR code carries a structured reference or a text, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the EPC QR code needs the beneficiary&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payment text is longer than {most} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the EPC QR payload has characters UTF-8 cannot hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the EPC QR payload has {size} bytes, at most 331 are allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peppol endpoint ID {text} must be scheme:identifier, e.g. 0007:5560360793</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peppol scheme {scheme} is not one this ledger knows: {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the check digit or length is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peppol endpoint ID {text} is not a valid {scheme}: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>letters, digits and . - _ : / only, at most 50 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ten digits, e.g. 0403.170.701 (without BE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a GLN has 13 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a friendly notice goes before the due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a reminder goes at least 1 day after due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the minimum gap cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{language} twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the fee must be a non-negative amount, not {fee}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a notice before the due date cannot carry a fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>({language}) must be one line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>({language}) {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>broken braces ({error}); write {{{{ and }}}} for literal braces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown placeholder {{{name}}}; use {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>placeholder {{{name}}} takes no format or conversion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>levels must be distinct and in order from 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each level must come later than the one before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{currency} is already covered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a policy needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most {most} letters, digits, spaces, - or _, no spaces around</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;default&quot; means the ledger&apos;s own policy; choose another name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fee {fee} is above the legal cap of {cap} per reminder (lag 1981:739 4 §); the customer need not pay the excess</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the send window must end after it starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown time zone {zone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the company name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name of account {account}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verification {series}{number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}, account {account}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{place}: &quot;{text}&quot; is written as &quot;{written}&quot;: the SIE file&apos;s code page 437 lacks some of its characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verification {series}{number} ({text})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where} has no transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: its amounts cancel to nothing on account {used}; does one account serve two roles?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: {amount} is not in whole öre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}: account {account} is not in the chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where} does not balance: off by {imbalance}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object list without its closing brace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}: a brace without a #VER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}: a closing brace without its opening one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}: #TRANS outside a verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file ends inside a verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a quoted field without its closing quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}: #TRANS needs an account, objects and an amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}: not an amount: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}: #VER needs a series, a number and a date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}: not a date: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the template needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a colour is written #RRGGBB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>margins are between 5 and 40 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a block needs a title or a text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown document kind {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write languages as codes such as sv, en: {language}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the campaign ends before it starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose one of {choices}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a line break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a control character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains an invisible character ({code}) at position {position}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains {what} ({code}) at position {position}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a lone surrogate, not a character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a noncharacter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contains an invisible or space character ({code}) at position {position}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the invoice discount is larger than the lines it applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown VAT category {category}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAT percent out of range: {percent}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>category {category} must have 0 %, not {percent}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAT rate {code} is not valid in {country} on {day} (valid: {valid})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected {&quot;country&quot;: &quot;SE&quot;, &quot;rates&quot;: [...]}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>country must be a two-letter code, not {country}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing {key}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rates[{index}]: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the table has no rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each rate must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>percent must be a number, not {percent}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid_until is before valid_from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an account setting; the settings are {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a whole number from 1 to {most}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an absolute path: {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an in-memory database has nothing on disk to back up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write a backup into {folder}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write a backup into {folder}: {reason}, not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write a backup into {folder}: {path} is not writable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many backups taken within one second in {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this file was imported on {when}; nothing was registered again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is a test file from Bankgirot (test mark T); not imported unless asked to (`finqr payments import --allow-test`, or the tick box in the app)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is a test file from Bankgirot (test mark T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this very file was imported on {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line {line}: this part of the file is for {what} {shown}, not the company&apos;s {own}: check that it is your file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already imported (the same transaction)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a deduction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a reversal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: place it by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice {number} is in {currency}, the payment in {payment_currency}: {why}; place it by hand with the rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice {numbers} is already paid: possibly paid twice; place it by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason}; {amount} {currency} overpaid, to customer credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason}; {amount} {currency} at the bank&apos;s rate ({rate}) is {converted} {target}, {difference} {target} against what was due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its invoices are in several currencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file&apos;s exchange rate is not used ({problem})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file&apos;s rate ({given}) is not between these two currencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file gives no exchange rate (the payer ordered {amount} {currency})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file gives no exchange rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no company yet: run `finqr init` first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone else saved {what} while you were editing; reload it to see their changes (yours are not saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who} saved {what} {when} while you were editing; reload it to see their changes (yours are not saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{user} on {workstation}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at {clock}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on {day} at {clock}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only an issued invoice can be credited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} is a credit note; credit notes are not credited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a credit note cannot be dated before the invoice it credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice {number} is already fully credited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a partial credit note needs at least one line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lines[{index}]: write what to take off with a positive quantity and price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what is left cannot be credited line by line; credit it by lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payment {id} has nothing left to turn into credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no customer with id {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice {number} is not this customer&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the customer has no credit in {currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be above zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the customer has only {amount} credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the customer has only {amount} {currency} credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no payment {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer number {number} is already taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer {id} does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>also on row {row}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} already exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has no customer rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not a text file (it has NUL bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{values} values for {columns} columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not readable as CSV: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown column (known: {known})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the column appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is neither UTF-8 nor Windows-1252 text (byte {byte})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type a database URL or a file path first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is not a database URL; a PostgreSQL one reads {example}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the URL cannot be read: write @ : / in a password as %40 %3A %2F ({example})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only PostgreSQL and SQLite ledgers can be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a PostgreSQL URL needs a host and a database: {example}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no password was given for {account}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keyring is available to keep the database password, so it is not kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this database already has a company; the demo needs an empty one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this database already has customers; the demo needs an empty one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only an issued invoice or credit note has a PDF to archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be {formats}, not {given}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no issued invoice or credit note {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a draft has no e-invoice; issue it first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an e-invoice needs a buyer reference (Swedish public buyers require one; rule PEPPOL-EN16931-R003): write the buyer&apos;s reference in &apos;your reference&apos;, or set customer {number}&apos;s buyer reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an e-invoice needs the company&apos;s organisation number (its Peppol address, scheme 0007): add it in the company settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an e-invoice in VAT category {categories} needs the company&apos;s VAT number: add it in the company settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an e-invoice needs the company&apos;s VAT number or its F-tax approval: add one in the company settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer {number}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a Peppol e-invoice needs the buyer&apos;s Peppol address: set customer {number}&apos;s Peppol endpoint ID (e.g. 0007:5560360793, or 0088 and a GLN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{code} is the company&apos;s own currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a decimal number: {rate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a number above zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most {count} digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a folder, not a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an object, got {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected text, got {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>longer than {count} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected true or false (or yes/no, ja/nej, sant/falskt, 1/0), got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected true or false without quotes, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected true or false, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write the number as a string ({value}), floats are not exact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a date in the form YYYY-MM-DD: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a list of texts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give {fields} either in {key} or beside it, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no customer with number {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a list of lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required (for example &quot;25&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write the rate as a string, for example &quot;25&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone else saved or deleted this draft while you were editing; reload it (your changes are not saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only an issued invoice or credit note can be e-mailed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer {number} has no e-mail address: add one first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice {id} is not a draft that can be issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice {id} does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice {number} is issued and cannot change; credit it instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not build the message: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no issued invoice with number {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing about {number} waits to be e-mailed: no reminder is planned in the coming days and its own e-mail is not waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no SMTP settings: set them with `finqr settings smtp` (the sender is part of the message)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stored SMTP settings are unreadable: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice number {number} is already taken: change the number series (`finqr series set`) so that it continues after the numbers in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no issued invoice with id {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>level {level} of invoice {id} is being sent or was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no outbox item {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one of {methods}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required: the payment is in {currency}, the invoice in {invoice_currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only for a payment in another currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most {count} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice {number} is credited in full; nothing is owed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice {number} is already paid; nothing is left to pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} is a credit note; payments go to invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payment {id} has only {amount} left to allocate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice {number} has only {amount} left to pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice {number} was not paid that much</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payment {id} was converted into {currency}, so it cannot pay invoice {number} in {invoice_currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payment {id} is in {currency}, invoice {number} in {invoice_currency}: give the rate ({invoice_currency} per {currency}) to convert it first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an amount: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a positive rate of at most 12 digits, not {rate}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day} is not between {earliest} and today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payment {id} is already placed in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name at least one invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a rate converts a payment not yet converted, for one currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payment {id} is partly placed already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing of payment {id} fits invoice {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an amount takes the sign of what is left of the payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payment {id} has only {amount} {currency} left to place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required: payment {id} is in {currency}, invoice {number} in {invoice_currency}; give the rate ({invoice_currency} per {currency}) to convert the payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>may not be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} {currency} is left on invoice {number}; no write-off limit is set for {currency} (each currency has its own)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} {currency} is left on invoice {number}; the write-off limit for {currency} is {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAQ: language {language}; the portal speaks {languages}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAQ: the question is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAQ: the answer is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAQ: the question is longer than {count} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAQ: the answer is longer than {count} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAQ: position {position} is not between 1 and {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAQ: there is no entry {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set where to publish first (a folder, or an SFTP server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>portal address: {address} is not a web address (https://…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>portal address: leave out the ? and # parts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publish target: {target} is not one of folder, sftp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SFTP server: {host} is not a host name or address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SFTP port: {port} is not between 1 and 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SFTP publishing needs the server and the user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice {number} no longer exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the policy has no text for reminder level {level}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-invoice: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a list of levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a list of texts, one per language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a list of currencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a three-letter currency code, not {currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one of {known}, not {given}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a list of [date, percent] pairs, not empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected [date, percent]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a time of day HH:MM, not {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a whole number, not {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a JSON object with the policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an object of named policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reference rate starts on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the table needs at least one rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected {expected}, not {given}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this version reads version {version} only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customers {numbers} follow it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no customer {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none defined yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no policy {name} (named policies: {known})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be one of {modes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stored policy is unreadable: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{numbers} and more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is a folder, not a backup file: name one of the files in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: no such backup file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first}, {second}, {third}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first}, {second}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} companies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an in-memory database cannot be restored into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the ledger holds {content}, which the restore replaces: confirm with --force (a backup of it is taken first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} {what}: failed, not tried again until you act: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} {what}: not sent yet, will be tried again at {time}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reminder {level}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payment notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice e-mail sent again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no SMTP settings: set them with `finqr settings smtp`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{end} is before the start {start}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a period of at most ten years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} is in {currency}, and no {currency} exchange rate is entered for {day} or earlier: enter one before exporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: no sales account for VAT rate {code} ({percent} %); this chart knows 25, 12, 6 % and the exempt, reverse-charge, EU and export codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: no VAT account for {percent} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payment {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the fee on invoice {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the write-off on invoice {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the {kind} image cannot be read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SVG refers to other files or images; save it as one self-contained SVG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SVG cannot be read: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SVG has no size or nothing to draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the logo is larger than 2 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the logo is not a PNG, JPEG or SVG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a number of millimetres</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected the image as base64 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid base64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a list of blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no template {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no template with id {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no template version with id {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not UTF-8 text (byte {byte})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON at line {line}, column {column}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a FINQR template file (expected {format})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this version reads format_version {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice {id} is not issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not a SQLite database (nor a FINQR backup)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} cannot be read as a SQLite database: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is damaged: integrity check says {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not a PostgreSQL dump pg_restore can read: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} holds a {kind} ({table}), which no FINQR backup has</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not a FINQR ledger: it has no {table} table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} records {count} schema revisions instead of one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has schema revision {revision}, which this FINQR version does not know (it knows {first} to {last}); a newer FINQR made it, or another program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} lacks tables of revision {revision}: {tables}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has tables no FINQR ledger of revision {revision} has: {tables}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: table {table} lacks columns of revision {revision}: {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: table {table} has columns no FINQR ledger of revision {revision} has: {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where} is not a FINQR ledger (it holds other tables: {tables})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this ledger was made by a newer FINQR Desktop (schema {current}; this version knows up to {head}): upgrade the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this ledger records schema revision {current}, which no FINQR Desktop version up to {head} made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is on a network share ({fs_type}); a SQLite ledger there gets corrupted when two machines use it, because its write-ahead log needs one machine&apos;s shared memory and locks: keep the file on a local disk, or share the ledger through a PostgreSQL server (--database postgresql+psycopg://...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{program} is not on PATH, so {purpose} is not possible: install PostgreSQL&apos;s client programs (Debian and Ubuntu: postgresql-client) of the server&apos;s version or newer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a PostgreSQL backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading a PostgreSQL backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restoring a PostgreSQL backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{program} did not finish within {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exit {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{program} failed: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database stayed locked for more than {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{target}: another program is writing to this ledger (the app or `finqr scheduler run`?): stop it and restore again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a name may not contain line breaks or control characters: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name {name} {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a recipient: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not one recipient: {value} holds {count} addresses; give one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not one recipient: {value} (put a name with a comma in quotes: &quot;Berg, Åsa&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login (AUTH)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a login for a password with non-ASCII letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{message} ({code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server refused {what} for now; it will be tried again: {reply}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server refused {what}: {reply}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server {host} did not accept the user name or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server {host} does not offer {feature}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the mail server {host} was lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of the mail server {host} could not be verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No secure connection to {host}: check the port and the security setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server&apos;s name {host} could not be found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server {host} did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server {host} refused the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server {host} closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection to the mail server {host}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server {host} answered unexpectedly: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: a colour is written #RRGGBB, not {colour}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to: the message needs at least one recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subject: a subject is one line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attachments: not a MIME type: {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attachments: not a file name: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a password belongs to a user name; this server has none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keyring is available to keep the SMTP password safely, so it is not saved; enter it once each session instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keyring could not be used (it may be locked or missing), so the SMTP password is not saved; enter it once each session instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password: the server has a user name, so a password is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message has no recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sender {address}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the recipient {address}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a host name: {host}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a port is a whole number from 1 to 65535, not {port}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose one of {choices}, not {chosen}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a user name has no spaces or line breaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a timeout is more than 0 and at most 600 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is not a BgMax record: it starts with {code}, not a two-digit transaction code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a record (type {code}) after the end record (70) of line {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a BgMax file begins with a start record (01), this one with type {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record type {code} is unknown; skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a second start record (01); the first is on line {first}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an opening record (05) before the deposit record (15) that closes the deposit opened on line {opened}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{record} ({code}) outside a deposit: no opening record (05) before it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{record} ({code}) must follow a payment (20) or deduction (21) record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payer&apos;s organisation number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a deposit record (15) without an opening record (05) before it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the deposit is in {currency}, but its opening record (line {opened}) says {opening_currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the deposit record counts {said} payment and deduction records, the deposit opened on line {opened} has {found}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the deposit amount is {amount} {currency}, but the payments less deductions from line {opened} add up to {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reference code {code} is reserved; the reference is read as free text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the extra references&apos; amounts add up to {total}, not to the payment&apos;s {amount}; the split is not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the end record (70) comes before the deposit record (15) of the deposit opened on line {opened}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payment (20)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deduction (21)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extra reference (22 and 23)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deposit (15)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the end record counts {said} {record} records, the file has {found}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inside the deposit opened on line {opened}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after the last deposit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file ends {where}, without the end record (70): it is incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a payment record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a deduction record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an extra reference record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an information record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a name record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an address record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an organisation number record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem}; the record has only {length} characters: is the file cut short?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} (positions {start}-{end}) must be digits, found {found}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} (positions {start}-{end}) is not a date YYYYMMDD: {found}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the currency (positions {start}-{end}) is not a currency code: {found}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the layout name is {layout}, not BGMAX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BgMax version {version} is not supported, only version 01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the write time (positions 25-44) is not YYYYMMDDHHMMSS and microseconds: {found}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the test mark (position 45) must be T or P, found {found}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payee&apos;s bankgiro number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payee&apos;s bankgiro number is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payee&apos;s plusgiro number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reference code (position 56) must be a digit, found {found}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the BGC serial number (positions 58-69) is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payer&apos;s bankgiro number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payee&apos;s bank account number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the payment date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the deposit amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the number of payment records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the number of deduction records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the number of extra reference records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the number of deposit records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file has no line ends; read as 80-character records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a control character ({code}) at position {position}; a BgMax record holds only text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the record is {length} characters long; a BgMax record has {expected}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tabs on {count} line(s) were read as blanks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this XML file is not a camt.053 or camt.054 bank file: its root element is {found}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>camt.{message} version {version} is not supported; versions 2 to 8 are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message element {name} is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file holds no {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 entry left out: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} entries left out: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the summary counts {count} entries, the {element} has {found}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the summary&apos;s {what} is not an amount: {stated}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the summary&apos;s {what} is {stated}, the entries add up to {found}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one page of a statement of several: balances not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the balances are in other currencies than the entries; not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the closing balance is {end} {currency}, but the opening balance {start} and the booked entries give {found}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the entry&apos;s status (Sts) is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not booked (status {status})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a debit (money paid out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a reversed debit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the entry has neither a booking date nor a value date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a {transaction} transaction inside a {entry} entry; left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the entry&apos;s {count} transactions add up to {total} {currency}, the entry says {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a transaction of a batched entry has no amount (AmtDtls/TxAmt/Amt or Amt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the transaction is in {currency}, its entry in {entry_currency}; a batched entry&apos;s transactions must be in the entry&apos;s currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the transaction says {amount} {currency}, its entry {entry_amount} {entry_currency}; the entry&apos;s booked amount is used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the batch says {count} transactions, the entry details hold {found}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the batch total is {amount} {currency}, its transactions add up to {total} {entry_currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a count: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason}; the rate is not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{element}: {reason}; left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file gives two rates, {first} and {second}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}: the exchange rate (XchgRate) is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}: the exchange rate {rate} is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}: the exchange rate {rate} is not above zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}: a rate of {rate} from {currency} into {currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}: the unit currency {unit} is neither {source} nor {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}: {reason}; the date is left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the exchange names no source currency ({name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} {text} is not a currency code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the rate {rate} makes {have} {unit} {expected} {quoted}, but the file gives {want} {quoted}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the amount ({name}) is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an amount: {text} (digits with a decimal point, no sign)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the amount {amount} {currency} is not valid: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the credit/debit indicator must be CRDT or DBIT, found {found}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a date: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the date (Dt or DtTm) is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a date and time: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the XML file holds a construct that is refused for safety ({construct})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is not well-formed XML: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the XML file has no root element</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is UTF-16 text; bank files are ISO-8859-1 (BgMax) or UTF-8 XML (camt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is not a bank file FINQR can read: a BgMax file begins with 01BGMAX, a camt.053 or camt.054 file is XML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot use the folder {folder}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write to the folder {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SFTP server {host} is not known yet; its key is {fingerprint}. Confirm it is your web host&apos;s key to publish there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SFTP server {host} answered with a different key ({fingerprint}) from the one confirmed before; nothing was sent. If the host really changed its key, forget the old one in the publish settings and confirm the new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot reach the SFTP server {host}:{port}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SFTP to {host} failed: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key file {path} needs its passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no password for {user}@{host}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SFTP server {host} refused the login of {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the key file {path}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder} on the SFTP server is not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the document number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the seller&apos;s name (company settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the buyer&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the buyer reference (&apos;your reference&apos; or the customer&apos;s buyer reference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name of line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} ({rule})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-invoice {number}: {missing} would be empty: it is missing, or holds only characters an e-invoice cannot carry (control characters, U+FFFE, U+FFFF, lone surrogates); correct it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal identity number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it must have 10 or 12 digits, this has {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in 12 digits the number starts with the century, 19 or 20</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{digits} is not a date of birth (a coordination number adds 60 to the day)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an invoice of this batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the invoice is dated {date}, but {number} of the same number series is already issued dated {latest}: numbers must follow the dates. Date it {latest} or later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the invoice is dated {date}, but {number} of the same number series is already issued dated {latest}: numbers must follow the dates. Date it {latest} or later, or issue it with today&apos;s date, {today}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the due date {due} has already passed on the day of issue, {today}: the customer is asked to pay by a day that is gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting to be retried at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent: a temporary failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The due date {due} has already passed: the invoice would ask the customer to pay by a day that is gone. Issue it anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date has passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem}.

Date the invoice today, {today}, and issue it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice numbers follow the dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the ledger file {path} was moved or deleted while it was open, so nothing was saved; put it back or open the ledger again from the File menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the ledger is busy: another program or workstation kept it locked for {seconds} seconds, so nothing was saved; try again in a moment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts of the SIE export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgingDialog</name>
    <message>
        <source>Aging report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the aging report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditHistoryPanel</name>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment placed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{user} on {workstation}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is recorded about this invoice yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>&amp;Back up now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup &amp;settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up the ledger into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore {file} (schema {revision})?

It replaces the ledger{content}. A backup of the ledger as it is now is taken first. FINQR Desktop closes afterwards; start it again to work on the restored ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backup is running.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupSettingsDialog</name>
    <message>
        <source>Backup settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up automatically once a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic backups are taken at start-up and by the scheduler when the newest backup is a day old; only automatic ones beyond the count are removed. An empty folder means the default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic backups kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BlockForm</name>
    <message>
        <source>**bold**, *italic*, [text](https://…); a new line breaks the line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markup: {hint}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any customer; or tags separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any language; or sv, en, …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing ticked or typed means: every document and customer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BlockList</name>
    <message>
        <source>Add block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message blocks yet: add one for a greeting or an offer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block {n}: {message}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrandForm</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primary colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accent colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sans-serif</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serif</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload logo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mon–Fri 8–17</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Margins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logo position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logo ({size} kB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No logo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColourField</name>
    <message>
        <source>Choose a colour…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompanyForm</name>
    <message>
        <source>Legal name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved for F-tax (F-skatt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OCR references with a length digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needed when your bank checks OCR length (control level 3); accepted by all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move due dates off weekends and holidays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address and payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreditDialog</name>
    <message>
        <source>Credit invoice {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything that is left ({amount})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only what I enter below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoiced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity to credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Returned goods, wrong price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue credit note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What should the credit note take off?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason, printed on the credit note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {n}: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {n}: enter between 0 and {most}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a quantity to credit on at least one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} · {left} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as much as fits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open invoice in {currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settle invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enter the amount paid back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the customer has no open invoice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreditPanel</name>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use on invoice…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer has credit. A payment above what an invoice asks, or one kept as credit with Place…, shows here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer credit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerEditor</name>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>several addresses separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30, net 30 or eom+30</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reminder fee was agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF + Peppol UBL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Factur-X (PDF with XML inside)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0007:5560360793 (empty: the org. number)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required by public buyers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer number *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Org. number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postal code, city, country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice e-mail carries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peppol endpoint ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buyer reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{conflict}

Reload the customer now? What you typed here is replaced by what is stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger&apos;s policy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerListModel</name>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Org. number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search name, number or org. number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange rates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to show yet. Issue your first invoice under Invoices (or open the demo company from the File menu): this page then shows what customers owe, what is overdue, when the money should arrive and who pays late.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still owed on every issued invoice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still owed on invoices past their due date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due in the next 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Falling due today or in the six days after.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DSO, last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days sales outstanding: what is owed now over what was invoiced in the last 90 days, times 90.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery to invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average days from delivery date to invoice date, invoices of the last 90 days. Lower is better: send it at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top 10 late payers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder effect, last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The figures could not be computed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: {invoices}, {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected in week {week} ({start} – {end}): {invoices}, {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoiced in 90 days: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>over {count} invoices with a delivery date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No invoice of the last 90 days states a delivery date.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabaseSettingsForm</name>
    <message>
        <source>Ledger database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A shared ledger on a PostgreSQL server: postgresql+psycopg://user:password@host/database. The password goes into the system keyring, never into the settings. A file path opens a SQLite ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not opened: {problem}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>FINQR Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied: paste it into your message to support.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExchangeRatesDialog</name>
    <message>
        <source>Exchange rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amounts in other currencies are shown in {home} at the rate in force on the figures&apos; day: the newest of these rows and of the rates payments in another currency were booked at, from that day or earlier. A row from a later day is used from that day on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{home} per unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FailedList</name>
    <message>
        <source>Not sent: needs your attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder {level}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FaqEditor</name>
    <message>
        <source>Questions and answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A blank line starts a new paragraph.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No questions in this language yet. Write a question and its answer below and press Add as new; the customers&apos; pages list them in this order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add as new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to FINQR Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create your company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your invoices carry these details. Only the legal name is required now; you can change everything later under Settings. Or open the demo company to try the app on 20 customers and 200 invoices first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the demo company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create company</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import bank file — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import this test file anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file was cancelled. Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file was imported before; nothing to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of {name}: nothing is written until you press Import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{total} payments: {matched} matched, {suggested} with suggestions, {unmatched} unmatched, {flagged} flagged, {duplicate} already imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{format} file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sums: {sums}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {name}: booking the payments…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled: nothing was booked, the ledger is as it was. Press Import to import the file after all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling… nothing will be imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: {matched} payments booked on their invoices, {waiting} wait in the unmatched list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line}: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportLinesModel</name>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>suggested: {numbers}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InvoiceEditor</name>
    <message>
        <source>New invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes printed on the invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the marked fields to see the totals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line}, {field}: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as a draft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAT rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This invoice has changes that are not saved. Save them as a draft?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed since the last save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue this invoice for {total}? It gets its number and OCR reference, and from then on only a credit note can change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice {number} is issued.
OCR reference: {ocr}
Due date: {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{conflict}

Reload the draft now? What you typed here is replaced by what is stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: someone else saved this draft first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The draft is gone or issued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reloaded: this is the draft as it is stored now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InvoiceHeader</name>
    <message>
        <source>Choose a customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type part of the customer&apos;s number or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From terms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prices include VAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round the total to whole kronor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round the total to whole {currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>end of month + {days} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} days net</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InvoiceListModel</name>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InvoiceView</name>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export e-invoice…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register payment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write off rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit note {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear dispute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark disputed…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rest up to {limit} may be written off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OCR reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To customer credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disputed: no reminders are sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>References</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PDF viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not e-mailed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} goes out with the next sending run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} is already waiting to be e-mailed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark invoice {number} as disputed? No reminders are sent for it until the dispute is cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark disputed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a payment of {left} today, paying invoice {number} in full?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not marked as paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write off the {left} left on invoice {number}? It is not reminded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>small rest written off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not written off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit of invoice {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not credited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit note {number} is issued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit note {number} is issued. {amount} already paid is now {customer}&apos;s credit, to use on another invoice or pay back (Payments → Customer credit).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InvoicesPage</name>
    <message>
        <source>Invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search number, customer or OCR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New invoice…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue the selected drafts, one after another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 invoice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swedish ({example})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>British English ({example})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguageForm</name>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formats decide how the window shows and reads numbers, amounts and dates. Invoices and reminders keep speaking each customer&apos;s language.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebuild the window in the chosen language; unsaved work is kept or asked for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not changed: save your work first, then apply again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LaterPage</name>
    <message>
        <source>This section arrives in a later release.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>There is no ledger at
{path}

Create a new ledger there?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger {ledger} could not be opened: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger you had open stays open. Check the address and the password, and that the database server is running, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger could not be opened: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FINQR Desktop will close. Check that the ledger file or database server is reachable, or start with --database to open another ledger.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerSettingsForm</name>
    <message>
        <source>For every policy of the ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminders go on bank days: no weekends, no public holidays of this country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference rate %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holidays of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate %s: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LevelsEditor</name>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days after due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min. gap (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placeholders: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level %s, %s: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be one line</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinesTable</name>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was delivered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MailPreviewDialog</name>
    <message>
        <source>E-mail for invoice {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the e-mail…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply-To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goes at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No e-mail can be built: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exactly what will be sent, but for its Date and Message-ID.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MailSettingsForm</name>
    <message>
        <source>E-mail (SMTP server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS (usually port 587)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS from the start (usually port 465)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: only for a relay on your own network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty if the server needs no login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: where replies go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save e-mail settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply-To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: see the marked fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved; the password is in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved; the password is kept only until the app closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved; you will be asked for the password when mail is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keyring is available on this computer, so the password cannot be saved. It is kept only until the app closes, and you are asked for it again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A password is saved in the system keyring; type one to replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved in the system keyring, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MailTestBox</name>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>where the test e-mail goes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a test e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a test e-mail to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: first correct the marked fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: the server needs a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending a test e-mail to {address}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to {address}; the server accepted it as {message_id}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;demo company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open my &amp;own ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageHistoryPanel</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message-ID or error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to be retried at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: a temporary failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an invoice to see its messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has been e-mailed about this invoice yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder {level}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModeSwitch</name>
    <message>
        <source>Manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminders that fall due go out by themselves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the reminders you approve here are sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NumberingForm</name>
    <message>
        <source>Invoice numbering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields: {year}, {yy}, {seq}; {seq:04} pads the count to four digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start again at 1 every year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save numbering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentListModel</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BgMax file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>camt file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To credit (credit note)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status}: {amount} to place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status}: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentsPage</name>
    <message>
        <source>Payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmatched only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search payer, reference, message or invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register payment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import bank file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match, split or turn into credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} payments, {waiting} waiting to be placed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import bank file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank files (*.txt *.xml *.bgm *.dat);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a payment in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This payment is placed in full; nothing is left to place.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlacePaymentDialog</name>
    <message>
        <source>Place payment {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left to place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} · {customer} · {left} left · by {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No suggestions: type the invoice below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other currency only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice currency per unit of the payment&apos;s currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn into credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place on invoices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or keep it for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestions (applied only when you use them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place on these invoices (an amount each to split)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OCR reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all that fits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {n}: no issued invoice {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {n}: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter at least one invoice number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} to {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the customer whose credit this becomes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{amount} is now {customer}&apos;s credit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PortalPage</name>
    <message>
        <source>Customer portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each customer with invoices gets a private page with their invoices, payments and reminders, and the questions and answers below.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PortalSettingsForm</name>
    <message>
        <source>Publishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder on this computer or the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An SFTP server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: log in with the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish by itself after issuing, payments and reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save publishing settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portal address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SFTP server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password or passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not confirmed yet: the first publish asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. No keyring: the password is kept until the app closes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostponeDialog</name>
    <message>
        <source>Postpone reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reminder waits until the send window opens on that day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postpone until</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Rendering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rendered in {ms} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview failed: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewSources</name>
    <message>
        <source>Sample invoice (Swedish)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample invoice (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling… ({step})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PublishBox</name>
    <message>
        <source>Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not published in this session yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files that failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set where to publish first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish the portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel stops after the file being uploaded. What was uploaded stays published and is remembered, so the next publish sends only the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the portal&apos;s pages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published {done} of {total} files: {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publishing cancelled before any file was uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SFTP server&apos;s key is to be confirmed first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not published: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publishing cancelled: {uploaded} uploaded, {removed} removed; {left} files wait for the next publish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published: {uploaded} uploaded, {removed} removed, {unchanged} unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} files failed; they are tried again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SFTP server is not known yet. Its key fingerprint is

{fingerprint}

Publish there only if your web host confirms this fingerprint. Trust it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not published: the server&apos;s key {fingerprint} is not confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterPaymentDialog</name>
    <message>
        <source>Register payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invoice currency per unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No issued invoice {number}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{customer} · {left} left to pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>= {converted}; {gap} against what is left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enter the number of an issued invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{applied} to invoice {number}; {left} left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{credit} became the customer&apos;s credit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReminderModel</name>
    <message>
        <source>Invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee or compensation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Late payment compensation of {amount}, which a business owes by law; the reminder fee is set against it, not added</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReminderPolicyDialog</name>
    <message>
        <source>Reminder policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claim the flat late-payment compensation from businesses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not remind below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interest margin (percentage points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send window and rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is already a policy %r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d customers follow %r; give them another policy first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %r?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved, but please check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger&apos;s policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d customers follow this policy.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message>
        <source>Reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search invoice or customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postpone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark invoice disputed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark {numbers} as disputed? No reminders are sent until the dispute is cleared in the invoice&apos;s view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark disputed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level {level}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} of {total} reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reminder is due today or in the coming 14 days. An overdue invoice shows up here when its next reminder level falls due; Policy… sets the levels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reminder matches the filters and the search.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SavingDialog</name>
    <message>
        <source>Saving {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SendingPanel</name>
    <message>
        <source>Sending is not running here: approved reminders go out with `finqr reminders send-due --once` (for example from cron).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send due now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel stops after the message being sent. Nothing is sent twice; what was not sent stays queued for the next run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending message {n} of {total}: invoice {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending stopped: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was due to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sent} of {due} messages sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{failed} failed, {deferred} wait to be tried again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: {left} messages stay queued for the next run.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save company details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: see the marked fields.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>{action} ({shortcut})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SieDialog</name>
    <message>
        <source>SIE export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoices, credit notes, payments, reminder fees, write-offs and rounding of the period as SIE 4 verifications, for the accounting program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the SIE file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIE files (*.se *.si)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some texts are written with other characters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and {count} more (all in the log).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message>
        <source>Customer statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the statement</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TemplateList</name>
    <message>
        <source>FINQR templates (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print new documents with this template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file was not imported:
{problems}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <source>Templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard the changes to this template?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not rendered: fix the marked fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as version {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VAT {rate} on {base}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UndoHistory</name>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowKeys</name>
    <message>
        <source>&amp;New invoice…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne&amp;xt section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
