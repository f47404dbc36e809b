using MailCheck.Core.Checks;
using MailCheck.Core.Dns;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Dane;

/// <summary>
/// Before connecting: the TLSA records of the MX hosts (RFC 7672 §2.2), so the conversation knows what a DANE sender
/// would require — under <c>tls: "required"</c> the session itself enforces them right after the handshake — and the
/// verdict after the session can match them against the chain the server presented. Part of delivery, not posture:
/// it runs whenever posture is asked for or TLS is required, and never changes the outcome by itself.
/// </summary>
public sealed class DaneLookupStage : ICheckStage
{
    public string Name => "dane lookup";

    public CheckPhase Phase => CheckPhase.BeforeConnect;

    /// <summary>After the posture lookups of this phase, just before the conversation.</summary>
    public int Order => 900;

    public bool IsPosture => false;

    public IReadOnlyList<string> ScorecardIds => [];

    public ScoreArea Area => ScoreArea.Transport;

    public async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Mx is not { } mx || mx.Hosts.Count == 0 || !(context.Request.Posture || context.Request.Tls == TlsPolicy.Required))
        {
            return;
        }

        var lookup = await DaneLookup.RunAsync(context.Dns, mx, context.Request.Port, cancellationToken).ConfigureAwait(false);
        context.Set(lookup);
        context.Info(EventKind.Dane, Describe(lookup), new DaneLookupDetail(lookup.Port, [.. lookup.Hosts.Select(DaneHostDetail.From)], lookup.Resolver?.Unverifiable));
    }

    /// <summary>One line for the transcript: what a DANE sender would do with each host.</summary>
    public static string Describe(DaneLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var parts = new List<string>();
        foreach (var host in lookup.Hosts)
        {
            if (host.Records.Count == 0)
            {
                if (host.TlsaStatus is not (DnsResponseStatus.NoError or DnsResponseStatus.NxDomain))
                {
                    parts.Add(host.TlsaState == DnssecState.Bogus
                        ? $"{host.TlsaName} is bogus ({host.TlsaFailure}): DANE senders defer mail to {host.Host}"
                        : $"{host.TlsaName} could not be looked up ({host.TlsaFailure})");
                }

                continue;
            }

            var records = host.Records.Count == 1 ? "1 TLSA record" : $"{host.Records.Count} TLSA records";
            parts.Add(host switch
            {
                { Enforced: true } => $"{host.Host} has {records} ({host.Usable.Count} usable, DNSSEC secure): a DANE sender requires TLS authenticated by them",
                { Secure: true } => $"{host.Host} has {records}, none usable for SMTP: a DANE sender requires TLS but cannot authenticate it",
                _ when !lookup.Verifiable => $"{host.Host} has {records}, but DNSSEC could not be verified",
                _ => $"{host.Host} has {records}, but not all of MX, address and TLSA are DNSSEC-secure: DANE senders ignore them",
            });
        }

        var hostsWithout = lookup.Hosts.Count(h => h.Records.Count == 0 && h.TlsaStatus is DnsResponseStatus.NoError or DnsResponseStatus.NxDomain);
        if (hostsWithout > 0)
        {
            parts.Add(hostsWithout == lookup.Hosts.Count ? "no TLSA records" : $"{hostsWithout} host(s) without TLSA records");
        }

        return "DANE: " + (parts.Count == 0 ? "no MX host to look up" : string.Join("; ", parts)) + ".";
    }
}
