using System.Globalization;
using System.Net;

namespace MailCheck.Core.Receive;

/// <summary>Parses <see cref="ReceiveOptions.Listen"/>: <c>0.0.0.0:2525</c>, <c>127.0.0.70:2525</c>, <c>[::]:2525</c>.</summary>
public static class ReceiveEndpoint
{
    /// <summary>Parses an IP address with a port, explaining what is wrong when it cannot (a phrase after the key name).</summary>
    public static bool TryParse(string? value, out IPEndPoint endpoint, out string error)
    {
        endpoint = new IPEndPoint(IPAddress.Any, 0);
        var text = (value ?? "").Trim();
        if (!IPEndPoint.TryParse(text, out var parsed) || text.Contains('%', StringComparison.Ordinal))
        {
            error = $"must be an IP address and a port, e.g. 0.0.0.0:2525 or [::]:2525 (got \"{value}\").";
            return false;
        }

        var colon = text.LastIndexOf(':');
        var bracketed = text.StartsWith('[');
        var hasPort = bracketed ? text.Contains("]:", StringComparison.Ordinal) : text.Count(c => c == ':') == 1;
        if (!hasPort || colon < 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"must name a port from 1 to 65535, e.g. 0.0.0.0:2525 (got \"{value}\").";
            return false;
        }

        endpoint = parsed;
        error = "";
        return true;
    }
}
