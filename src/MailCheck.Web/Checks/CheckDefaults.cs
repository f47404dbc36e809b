using System.Globalization;

namespace MailCheck.Web.Checks;

/// <summary>The sensible defaults shared by the form and the API.</summary>
public static class CheckDefaults
{
    public const string Body =
        "This is a test message sent by MailCheck to check that mail to this address is delivered.\n" +
        "No reply is needed.";

    /// <summary>"MailCheck test 2026-11-28 13:45 UTC".</summary>
    public static string Subject(DateTimeOffset now) =>
        "MailCheck test " + now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>The recipient used when only a domain is given.</summary>
    public static string Recipient(string domain) => "postmaster@" + domain.Trim().TrimEnd('.');
}
