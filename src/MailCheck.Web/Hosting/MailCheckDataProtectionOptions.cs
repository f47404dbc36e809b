namespace MailCheck.Web.Hosting;

/// <summary>
/// Configuration section <c>MailCheck:DataProtection</c>: where the data-protection keys (antiforgery tokens, Blazor
/// circuit state) are kept, so a restart does not invalidate pages that are open.
/// </summary>
public sealed class MailCheckDataProtectionOptions
{
    public const string SectionName = "MailCheck:DataProtection";

    /// <summary>
    /// The key directory; relative paths are relative to the content root. Empty: a <c>keys</c> folder beside the
    /// SQLite database (or <c>data/keys</c> when the database is not a file).
    /// </summary>
    public string? KeysPath { get; set; }
}
