using System.Net;
using System.Net.Sockets;
using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Posture.ReverseDns;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>
/// Who the sending server says it is: forward-confirmed reverse DNS of the connecting address (the iprev test of
/// RFC 8601 §3), and whether its HELO name is a name (RFC 5321 §4.1.4, §2.3.5) that resolves to that address and
/// matches its PTR. Large mailbox providers refuse or junk mail from addresses without forward-confirmed reverse DNS.
/// </summary>
public sealed class SenderIdentityVerdict : IReceiveVerdict
{
    public string Name => "reverse DNS";

    public IReadOnlyList<string> ScorecardIds => [Scorecard.ScorecardIds.Ptr];

    public ScoreArea Area => ScoreArea.Identity;

    public async Task RunAsync(ReceiveContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ip = context.RemoteAddress;
        var address = ip.ToString();
        var reverse = await ReverseDnsLookup.LookupAsync(context.Dns, ip, "ptr", cancellationToken).ConfigureAwait(false);
        var helo = context.Envelope.HeloName;
        var heloDomain = ReceivedSpfVerdict.HeloDomain(helo);
        var heloAddresses = new List<string>();
        DnsAnswer? heloAnswer = null;
        if (heloDomain is not null)
        {
            var type = ip.AddressFamily == AddressFamily.InterNetworkV6 ? DnsRecordType.AAAA : DnsRecordType.A;
            heloAnswer = await context.Dns.QueryAsync(heloDomain, type, "helo", cancellationToken).ConfigureAwait(false);
            heloAddresses.AddRange(heloAnswer.Records.Select(r => r.Address).OfType<string>());
        }

        var findings = new List<ScoreFinding>();
        const string Iprev = "RFC 8601 §3 (iprev)";
        string title;
        if (reverse.Unknown)
        {
            title = $"Reverse DNS of {address}: could not test";
            findings.Add(new ScoreFinding(ScoreStatus.NotTested, $"Could not test the reverse DNS of {address}: {reverse.Failure}."));
        }
        else if (reverse.PtrNames.Count == 0)
        {
            title = $"{address} has no reverse DNS";
            findings.Add(new ScoreFinding(
                ScoreStatus.Fail,
                $"The sending server's address {address} has no PTR record: it fails the iprev test ({Iprev}), and large mailbox providers refuse or junk mail from such addresses (RFC 1912 §2.1: every host should have a name).",
                $"Ask whoever runs {address} (the hosting or network provider) for a PTR record naming the server, e.g. {heloDomain ?? "mail.example.com"}, and make that name resolve to {address}."));
        }
        else if (!reverse.ForwardConfirmed)
        {
            title = $"Reverse DNS of {address} is not forward-confirmed";
            findings.Add(new ScoreFinding(
                ScoreStatus.Warn,
                $"{address} has PTR {string.Join(", ", reverse.PtrNames)}, but no such name resolves back to {address}: the iprev test fails ({Iprev}) and receivers treat the name as unverified.",
                $"Add {address} to the A/AAAA records of {reverse.PtrNames[0]}, or change the PTR of {address} to a name that resolves to it."));
        }
        else
        {
            title = $"{address} → {reverse.ConfirmedName} → {address}";
            findings.Add(new ScoreFinding(ScoreStatus.Pass, $"{address} has PTR {reverse.ConfirmedName}, which resolves back to {address}: forward-confirmed reverse DNS ({Iprev})."));
        }

        findings.Add(JudgeHelo(helo, heloDomain, heloAnswer, heloAddresses, ip, reverse));
        var item = ScorecardItem.FromFindings(Scorecard.ScorecardIds.Ptr, ScoreArea.Identity, title, findings[0].Text, findings, address);
        var text = $"Sender identity: {address} PTR {(reverse.PtrNames.Count == 0 ? "(none)" : string.Join(", ", reverse.PtrNames))}"
            + $"{(reverse.ForwardConfirmed ? " (forward-confirmed)" : "")}; HELO {helo}{(heloAddresses.Count > 0 ? " → " + string.Join(", ", heloAddresses) : "")}";
        context.Report(EventKind.Ptr, text, new SenderIdentityDetail(address, reverse.PtrNames, reverse.ConfirmedName, helo, heloAddresses) { Items = [item] });
    }

    private static ScoreFinding JudgeHelo(string helo, string? heloDomain, DnsAnswer? answer, List<string> addresses, IPAddress ip, ReverseDnsResult reverse)
    {
        if (DomainName.IsAddressLiteral(helo))
        {
            var literal = DomainName.ParseAddressLiteral(helo);
            return literal is not null && literal.Equals(ip)
                ? new ScoreFinding(ScoreStatus.Warn, $"The server introduced itself with the address literal {helo}: allowed only when it has no name (RFC 5321 §4.1.4, §2.3.5); many receivers score it as a sign of a misconfigured or compromised host.", "Set the sending server's host name (Postfix: myhostname) to its FQDN, the name its PTR gives.")
                : new ScoreFinding(ScoreStatus.Fail, $"The server introduced itself as {helo}, which is not the address it connected from ({ip}) (RFC 5321 §4.1.4): receivers refuse such a greeting.", "Let the server say EHLO with its own FQDN.");
        }

        if (heloDomain is null)
        {
            return new ScoreFinding(ScoreStatus.Warn, $"The HELO name \"{helo}\" is not a fully qualified domain name (RFC 5321 §4.1.4, §2.3.5): receivers such as Postfix with reject_non_fqdn_helo_hostname refuse it.", "Set the sending server's host name to its FQDN (Postfix: myhostname = mail.example.com).");
        }

        if (answer is { Failed: true })
        {
            return new ScoreFinding(ScoreStatus.NotTested, $"Could not resolve the HELO name {heloDomain}: {answer.Describe()}.");
        }

        var canonical = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
        if (addresses.Count == 0)
        {
            return new ScoreFinding(ScoreStatus.Warn, $"The HELO name {heloDomain} {(answer?.NoSuchName == true ? "does not exist in DNS" : "has no address record")}: receivers that check (Postfix's reject_unknown_helo_hostname) refuse the greeting (RFC 5321 §4.1.4 asks for the client's own FQDN).", $"Publish an A/AAAA record for {heloDomain} pointing at {ip}, or use the name the PTR of {ip} gives.");
        }

        var resolves = addresses.Any(a => IPAddress.TryParse(a, out var x) && x.Equals(canonical));
        var matchesPtr = reverse.PtrNames.Contains(heloDomain, StringComparer.OrdinalIgnoreCase);
        if (resolves && matchesPtr)
        {
            return new ScoreFinding(ScoreStatus.Pass, $"The HELO name {heloDomain} resolves to {ip} and is its PTR name: the server names itself consistently (RFC 5321 §4.1.4).");
        }

        if (resolves)
        {
            return new ScoreFinding(ScoreStatus.Info, $"The HELO name {heloDomain} resolves to {ip}, but the PTR names {(reverse.PtrNames.Count == 0 ? "nothing" : string.Join(", ", reverse.PtrNames))}; no RFC requires them to match, but matching names make filters and logs agree.", $"Let the server say EHLO {reverse.ConfirmedName ?? heloDomain}, or point the PTR of {ip} at {heloDomain}.");
        }

        return new ScoreFinding(ScoreStatus.Warn, $"The HELO name {heloDomain} resolves to {string.Join(", ", addresses)}, not to {ip}, the address the server connected from: it names another host (RFC 5321 §4.1.4).", $"Let the server say EHLO with its own name{(reverse.ConfirmedName is { } n ? $" ({n})" : "")}.");
    }
}
