"""Invoice, credit note and reminder documents (PDF rendering arrives with issue 3)."""
