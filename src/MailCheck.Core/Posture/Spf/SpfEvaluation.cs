using System.Globalization;
using System.Net;
using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.Spf;

/// <summary>
/// One run of <c>check_host()</c> (RFC 7208 §4) with its state: the lookup counts shared by every recursion (§4.1,
/// §4.6.4), the validated names of the client (§5.5) and the trace.
/// </summary>
internal sealed partial class SpfEvaluation
{
    /// <summary>DNS-querying terms allowed per evaluation (RFC 7208 §4.6.4: MUST).</summary>
    public const int MaxLookups = 10;

    /// <summary>MX names an mx mechanism may look up (RFC 7208 §4.6.4: more is permerror).</summary>
    public const int MaxMxNames = 10;

    /// <summary>Void lookups allowed by default (RFC 7208 §4.6.4: two recommended).</summary>
    public const int DefaultMaxVoidLookups = 2;

    /// <summary>PTR names the ptr mechanism and the p macro check (RFC 7208 §4.6.4: the rest are ignored).</summary>
    public const int MaxPtrNames = 10;

    /// <summary>Recursion guard; the lookup limit stops recursion long before this.</summary>
    private const int MaxDepth = MaxLookups + 2;

    private readonly CheckDns _dns;
    private readonly SpfEvaluatorOptions _options;
    private readonly IPAddress _ip;
    private readonly string? _domain;
    private readonly string _requestedDomain;
    private readonly string _sender;
    private readonly string _localPart;
    private readonly string _senderDomain;
    private readonly string _helo;
    private readonly DateTimeOffset _now;
    private readonly List<SpfTraceStep> _trace = [];
    private int _lookups;
    private int _voids;
    private string? _topRecord;

    public SpfEvaluation(CheckDns dns, SpfEvaluatorOptions options, IPAddress ip, string domain, string sender, string helo, DateTimeOffset now)
    {
        _dns = dns;
        _options = options;
        _ip = SpfNetwork.Normalize(ip);
        _requestedDomain = domain.Trim();
        _domain = SpfDomainName.ToAscii(domain);
        _helo = helo;
        _now = now;

        // RFC 7208 §4.3: no local-part means "postmaster"; §2.4: an empty MAIL FROM is checked as postmaster@domain.
        var address = sender.Trim();
        if (address.Length > 1 && address.StartsWith('<') && address.EndsWith('>'))
        {
            address = address[1..^1];
        }

        var at = address.LastIndexOf('@');
        _localPart = at > 0 ? address[..at] : "postmaster";
        _senderDomain = at >= 0 ? address[(at + 1)..] : address.Length > 0 ? address : _domain ?? _requestedDomain;
        _sender = _localPart + "@" + _senderDomain;
    }

    private string IpText => _ip.ToString();

    public async Task<SpfCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var domain = _domain ?? _requestedDomain;
        Outcome outcome;
        if (_domain is null || !SpfDomainName.IsValid(_domain))
        {
            outcome = new Outcome(SpfResult.None, $"'{_requestedDomain}' is not a valid multi-label domain name, so there is no SPF record to check (RFC 7208 §4.3)");
            Step(0, domain, SpfStepKind.Record, outcome.Reason);
        }
        else
        {
            outcome = await CheckHostAsync(_domain, 0, explain: true, cancellationToken).ConfigureAwait(false);
        }

        return Finish(domain, outcome);
    }

    /// <summary>The result when the evaluation ran out of time: temperror (RFC 7208 §4.6.4).</summary>
    public SpfCheckResult TimedOut()
    {
        var seconds = _options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        return Finish(_domain ?? _requestedDomain, new Outcome(SpfResult.TempError, $"the evaluation did not finish within {seconds} s, so the result is temperror (RFC 7208 §4.6.4)"));
    }

    private SpfCheckResult Finish(string domain, Outcome outcome)
    {
        Step(0, domain, SpfStepKind.Result, $"Result: {SpfText.Name(outcome.Result)}: {outcome.Reason}.", result: outcome.Result);
        return new SpfCheckResult
        {
            Result = outcome.Result,
            Domain = domain,
            Sender = _sender,
            Ip = IpText,
            Reason = outcome.Reason,
            Record = _topRecord,
            Mechanism = outcome.Mechanism?.Text,
            MechanismDomain = outcome.Mechanism is null ? null : outcome.MechanismDomain,
            Explanation = outcome.Result == SpfResult.Fail ? outcome.Explanation : null,
            DnsLookups = _lookups,
            VoidLookups = _voids,
            Trace = [.. _trace],
        };
    }

    /// <summary>
    /// check_host() for one domain (RFC 7208 §4.4–§4.7). <paramref name="explain"/> is false inside an include, whose
    /// exp= is never used (RFC 7208 §6.2).
    /// </summary>
    private async Task<Outcome> CheckHostAsync(string domain, int depth, bool explain, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            return new Outcome(SpfResult.PermError, "the records nest too deeply (RFC 7208 §4.6.4)");
        }

        var lookup = await SpfRecordLookup.FetchAsync(_dns, domain, cancellationToken).ConfigureAwait(false);
        var found = lookup.Status switch
        {
            SpfLookupStatus.Failed => new Outcome(SpfResult.TempError, $"the TXT lookup for {domain} failed ({lookup.Answer!.Describe()}), so the result is temperror (RFC 7208 §4.4)"),
            SpfLookupStatus.NoSuchDomain => new Outcome(SpfResult.None, $"{domain} does not exist (NXDOMAIN) (RFC 7208 §4.3)"),
            SpfLookupStatus.NoRecord => new Outcome(SpfResult.None, $"{domain} publishes no SPF record (RFC 7208 §4.5)"),
            SpfLookupStatus.Multiple => new Outcome(SpfResult.PermError, $"{domain} publishes {lookup.Records.Count} SPF records; there must be only one (RFC 7208 §4.5)"),
            _ => (Outcome?)null,
        };
        if (depth == 0)
        {
            _topRecord = lookup.Record;
        }

        if (found is { } none)
        {
            Step(depth, domain, SpfStepKind.Record, none.Reason);
            return none;
        }

        var text = lookup.Record!;
        if (!SpfRecord.TryParse(text, out var record, out var error))
        {
            var syntax = new Outcome(SpfResult.PermError, $"{domain}'s record has a syntax error at {error}; any syntax error makes the record permerror (RFC 7208 §4.6)");
            Step(depth, domain, SpfStepKind.Record, $"{domain}: \"{text}\": {syntax.Reason}");
            return syntax;
        }

        Step(depth, domain, SpfStepKind.Record, $"{domain} publishes \"{text}\" (its one SPF record, RFC 7208 §4.5).");
        foreach (var mechanism in record.Mechanisms)
        {
            var match = await MatchAsync(mechanism, domain, depth, cancellationToken).ConfigureAwait(false);
            Step(depth, domain, SpfStepKind.Mechanism, match.Text, mechanism.Text, match.Abort is null ? match.Matched : null);
            if (match.Abort is { } abort)
            {
                return abort;
            }

            if (match.Matched)
            {
                var result = mechanism.MatchResult;
                var reason = $"{mechanism.Text} in {domain}'s record matched (RFC 7208 §4.6.2)";
                var explanation = result == SpfResult.Fail && explain ? await ExplainAsync(record, domain, depth, cancellationToken).ConfigureAwait(false) : null;
                return new Outcome(result, reason, mechanism, domain, explanation);
            }
        }

        if (record.RedirectApplies)
        {
            return await RedirectAsync(record.Redirect!, domain, depth, explain, cancellationToken).ConfigureAwait(false);
        }

        return new Outcome(SpfResult.Neutral, $"no mechanism in {domain}'s record matched and it has no redirect=, so the result is neutral (RFC 7208 §4.7)");
    }

    /// <summary>redirect= (RFC 7208 §6.1): the result is the target's; a target without a record is permerror.</summary>
    private async Task<Outcome> RedirectAsync(SpfModifier redirect, string domain, int depth, bool explain, CancellationToken cancellationToken)
    {
        if (CountLookup(redirect.Text) is { } over)
        {
            Step(depth, domain, SpfStepKind.Redirect, over.Reason, redirect.Text);
            return over;
        }

        var target = await TargetAsync(redirect.Macro, domain, cancellationToken).ConfigureAwait(false);
        if (!SpfDomainName.IsValid(target))
        {
            var invalid = new Outcome(SpfResult.PermError, $"{redirect.Text} points to '{target}', which is not a valid domain name (RFC 7208 §6.1)");
            Step(depth, domain, SpfStepKind.Redirect, invalid.Reason, redirect.Text);
            return invalid;
        }

        Step(depth, domain, SpfStepKind.Redirect, $"No mechanism matched: following {redirect.Text} to {target} (RFC 7208 §6.1).", redirect.Text);
        var inner = await CheckHostAsync(target, depth + 1, explain, cancellationToken).ConfigureAwait(false);
        if (inner.Result == SpfResult.None)
        {
            return new Outcome(SpfResult.PermError, $"{redirect.Text}: {inner.Reason}; a redirect to a domain without an SPF record is permerror (RFC 7208 §6.1)");
        }

        return inner;
    }

    /// <summary>Counts a DNS-querying term; past the limit, the permerror to return (RFC 7208 §4.6.4).</summary>
    private Outcome? CountLookup(string term)
    {
        _lookups++;
        return _lookups > MaxLookups
            ? new Outcome(SpfResult.PermError, $"{term} would be DNS lookup {_lookups}: at most {MaxLookups} terms that query DNS (include, a, mx, ptr, exists, redirect) are allowed in one evaluation (RFC 7208 §4.6.4)")
            : null;
    }

    /// <summary>Counts a void lookup (no answer or NXDOMAIN); past the limit, the permerror to return (RFC 7208 §4.6.4).</summary>
    private Outcome? CountVoid(string term)
    {
        _voids++;
        return _voids > _options.MaxVoidLookups
            ? new Outcome(SpfResult.PermError, $"{term} is void lookup {_voids} (no answer or NXDOMAIN): more than {_options.MaxVoidLookups} are not allowed (RFC 7208 §4.6.4)")
            : null;
    }

    private void Step(int depth, string domain, SpfStepKind kind, string text, string? term = null, bool? matched = null, SpfResult? result = null) =>
        _trace.Add(new SpfTraceStep
        {
            Depth = depth,
            Domain = domain,
            Kind = kind,
            Term = term,
            Matched = matched,
            Result = result,
            Text = text,
            Lookups = _lookups,
            VoidLookups = _voids,
        });

    /// <summary>How one check_host() ended.</summary>
    private readonly record struct Outcome(SpfResult Result, string Reason, SpfMechanism? Mechanism = null, string? MechanismDomain = null, string? Explanation = null);

    /// <summary>How one mechanism's evaluation ended: matched or not, or an error that ends everything.</summary>
    private readonly record struct MatchOutcome(bool Matched, string Text, Outcome? Abort = null);
}
