using System.Net;
using MailCheck.Core.Checks;

namespace MailCheck.Cli;

/// <summary>What the command line asked for, parsed and checked flag by flag (the request itself is validated by Core).</summary>
public sealed record CliSettings
{
    /// <summary>A domain (example.com) or an address (someone@example.com); null when only --to names the domain.</summary>
    public string? Target { get; init; }

    public CheckMode? Mode { get; init; }

    public string? From { get; init; }

    public IReadOnlyList<string> To { get; init; } = [];

    public string? Subject { get; init; }

    public string? Body { get; init; }

    /// <summary>Where the body comes from: a file, or "-" for standard input.</summary>
    public string? BodyFile { get; init; }

    public int? Port { get; init; }

    public TlsPolicy? Tls { get; init; }

    /// <summary>True with --all-mx: every address of every MX, in parallel (probe or connect; probe by default).</summary>
    public bool AllMx { get; init; }

    public string? EhloName { get; init; }

    public string? AuthUser { get; init; }

    /// <summary>False with --no-posture: delivery only, no scorecard.</summary>
    public bool Posture { get; init; } = true;

    /// <summary>DKIM selectors to look for besides the common ones (--dkim-selector, repeatable).</summary>
    public IReadOnlyList<string> DkimSelectors { get; init; } = [];

    /// <summary>DNS servers to ask instead of the system's (replaces MailCheck:Dns:Servers).</summary>
    public IReadOnlyList<string> DnsServers { get; init; } = [];

    /// <summary>Special networks a check may reach anyway (added to MailCheck:Safety:AllowedNetworks).</summary>
    public IReadOnlyList<string> AllowNetworks { get; init; } = [];

    /// <summary>Ports allowed besides 25, 465 and 587 (added to MailCheck:Safety:AllowedPorts).</summary>
    public IReadOnlyList<int> AllowPorts { get; init; } = [];

    /// <summary>Deadline for the whole check (MailCheck:Smtp:CheckTimeout; shorter per-reply limits follow).</summary>
    public TimeSpan? Timeout { get; init; }

    public bool Json { get; init; }

    public bool Quiet { get; init; }

    /// <summary>A running MailCheck to submit to instead of checking from here.</summary>
    public Uri? Server { get; init; }

    /// <summary>The request as given on the command line: blanks are left to Core's RequestDefaults.</summary>
    public CheckRequestInput ToInput(string? body, SmtpCredentials? auth) => new()
    {
        Domain = Target is null ? null : RequestDefaults.DomainOf(Target),
        From = From,
        To = To.Count > 0 ? To : Target is null ? null : [RequestDefaults.RecipientFor(Target)],
        Subject = Subject,
        Body = body,
        Mode = Mode,
        Port = Port,
        Tls = Tls,
        Scope = AllMx ? CheckScope.All : null,
        EhloName = EhloName,
        Auth = auth,
        Posture = Posture ? null : false,
        DkimSelectors = DkimSelectors.Count > 0 ? DkimSelectors : null,
    };

    /// <summary>True when the server named is on this machine (a password may then travel over plain HTTP).</summary>
    public bool ServerIsLocal => Server is { } s && (s.IsLoopback || (IPAddress.TryParse(s.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
}
