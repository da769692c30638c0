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
Expected: {expected} from {count} invoices
Band: {low} to {high}
Click to list the invoices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still due, by days overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}: {amount} in {count} invoices
Click to list them.</source>
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
        <source>incl. {amount} converted at {rate}</source>
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
        <source>Sending is paused until FINQR Desktop is started again.</source>
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
    <message>
        <source>The ledger is backed up to
{path}</source>
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
        <source>FINQR Desktop closes now; start it again.</source>
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
        <source>{count} invoices</source>
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
    <message>
        <source>{label}: {count} invoices, {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected in week {week} ({start} – {end}): {count} invoices, {amount}</source>
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
        <source>Amounts in other currencies are shown in {home} at the latest rate: the newest of these rows and of the rates payments in another currency were booked at.</source>
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
        <source>Not published: {error}</source>
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
