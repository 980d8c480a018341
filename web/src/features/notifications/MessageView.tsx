/// A message as its reader gets it: the subject (or in-app title), the text, and an e-mail's HTML
/// in a frame that runs nothing and reaches nothing (`sandbox` with no permissions), so what a
/// message carries cannot touch the admin app.
export function MessageView({ subject, text, html, label = "The e-mail as sent" }: { subject: string; text: string; html: string | null; label?: string }) {
  return (
    <div className="message-view">
      <p>
        <strong>Subject:</strong> <span data-testid="message-subject">{subject}</span>
      </p>
      <h3>Text</h3>
      <pre className="message-text">{text}</pre>
      {html !== null && (
        <>
          <h3>HTML</h3>
          <iframe className="message-html" title={label} sandbox="" srcDoc={html} />
        </>
      )}
    </div>
  );
}
