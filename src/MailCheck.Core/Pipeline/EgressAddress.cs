using System.Net;
using System.Text.RegularExpressions;
using MailCheck.Core.Checks;
using MailCheck.Core.Net;

namespace MailCheck.Core.Pipeline;

/// <summary>The address receivers see MailCheck's connection come from, and how MailCheck knows it.</summary>
/// <param name="Address">The address.</param>
/// <param name="Source">"configured" (MailCheck:Smtp:EgressAddress), "echoed" (the server's EHLO reply) or "socket" (the local end).</param>
/// <param name="Host">The server that showed it (for "echoed" and "socket").</param>
public sealed partial record EgressAddress(IPAddress Address, string Source, string? Host)
{
    /// <summary>How MailCheck knows the address, as a phrase for the transcript.</summary>
    public string Describe() => Source switch
    {
        "configured" => "as configured (MailCheck:Smtp:EgressAddress)",
        "echoed" => $"as {Host} saw it (echoed in its EHLO reply)",
        _ => $"the local address of the connection to {Host}",
    };

    /// <summary>
    /// Determines the egress address: the configured one; else the address a server echoed in its EHLO reply when it is
    /// a public one (e.g. "250-mx.google.com at your service, [203.0.113.5]" — what the receiver actually saw, past any
    /// NAT); else the local end of the socket of the connection used. Null when MailCheck connected nowhere.
    /// </summary>
    public static EgressAddress? Determine(CheckContext context, string? configured)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.IsNullOrWhiteSpace(configured) && IPAddress.TryParse(configured.Trim(), out var ip))
        {
            return new EgressAddress(ip, "configured", null);
        }

        var connections = SessionFacts.Connections(context.Transcript);
        var used = SessionFacts.Used(context.Transcript, context.Result) ?? (connections.Count > 0 ? connections[^1] : null);
        foreach (var c in used is null ? connections : [used, .. connections])
        {
            if (c.FirstEhlo is { } ehlo && Echoed(ehlo.Text) is { } echoed && SpecialRanges.Find(echoed) is null)
            {
                return new EgressAddress(echoed, "echoed", c.Host);
            }
        }

        return used?.LocalAddress is { } local && IPAddress.TryParse(local, out var socket)
            ? new EgressAddress(socket, "socket", used.Host)
            : null;
    }

    /// <summary>The first address in brackets on the first line of an EHLO reply, if any.</summary>
    public static IPAddress? Echoed(string ehloReply)
    {
        ArgumentNullException.ThrowIfNull(ehloReply);
        var first = ehloReply.Split('\n')[0];
        var match = BracketedAddress().Match(first);
        return match.Success && IPAddress.TryParse(match.Groups[1].Value, out var ip)
            ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip)
            : null;
    }

    [GeneratedRegex(@"\[(?:IPv6:)?([0-9A-Fa-f:.]{2,45})\]", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedAddress();
}
