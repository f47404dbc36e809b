using System.Globalization;

namespace MailCheck.Core.Receive;

/// <summary>The ESMTP parameters of MAIL FROM that MailCheck offers: SIZE (RFC 1870), BODY (RFC 6152), SMTPUTF8 (RFC 6531).</summary>
/// <param name="Size">SIZE=, when given.</param>
/// <param name="Body">BODY= (7BIT or 8BITMIME), when given.</param>
/// <param name="SmtpUtf8">SMTPUTF8 was given.</param>
/// <param name="Error">Why the parameters are refused (a 555 reply text), or null.</param>
internal sealed record MailParameters(long? Size, string? Body, bool SmtpUtf8, string? Error)
{
    public static MailParameters Parse(string text)
    {
        long? size = null;
        string? body = null;
        var utf8 = false;
        foreach (var parameter in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = parameter.IndexOf('=', StringComparison.Ordinal);
            var name = (eq < 0 ? parameter : parameter[..eq]).ToUpperInvariant();
            var value = eq < 0 ? null : parameter[(eq + 1)..];
            switch (name)
            {
                case "SIZE" when value is not null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                    size = n;
                    break;
                case "SIZE":
                    return Refuse("SIZE= needs a number of bytes (RFC 1870 §3)");
                case "BODY" when value is not null && (value.Equals("7BIT", StringComparison.OrdinalIgnoreCase) || value.Equals("8BITMIME", StringComparison.OrdinalIgnoreCase)):
                    body = value.ToUpperInvariant();
                    break;
                case "BODY":
                    return Refuse("BODY= must be 7BIT or 8BITMIME (RFC 6152 §2; BINARYMIME is not offered)");
                case "SMTPUTF8" when value is null:
                    utf8 = true;
                    break;
                default:
                    return Refuse($"Error: unsupported parameter {parameter} (MailCheck offers SIZE, BODY and SMTPUTF8)");
            }
        }

        return new MailParameters(size, body, utf8, null);

        static MailParameters Refuse(string why) => new(null, null, false, why);
    }
}
