namespace MailCheck.Web.Receive;

/// <summary>
/// Where the self-signed STARTTLS certificate is kept: with the data-protection keys (<c>MailCheck:DataProtection:KeysPath</c>,
/// by default a <c>keys</c> folder beside the SQLite file). With PostgreSQL the keys live in the database; the certificate
/// stays in that folder (default <c>data/keys</c>) of each instance.
/// </summary>
/// <param name="Directory">The folder (absolute).</param>
public sealed record ReceiveCertificateLocation(string Directory);
