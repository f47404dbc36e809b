using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.Spf;

/// <summary>Macro expansion (RFC 7208 §7), the client's validated names (§5.5) and the explanation (§6.2).</summary>
internal sealed partial class SpfEvaluation
{
    /// <summary>Longest explanation kept: it is meant for one SMTP reply line (RFC 7208 §6.2 allows a limit).</summary>
    private const int MaxExplanationLength = 512;

    private ValidatedNames? _validated;

    /// <summary>A domain-spec expanded into the name to query (trailing dot removed, cut to 253 characters, §7.3).</summary>
    private async Task<string> TargetAsync(SpfMacroString spec, string domain, CancellationToken cancellationToken)
    {
        var expanded = await SpfMacroExpander.ExpandAsync(spec, MacroContext(domain), cancellationToken).ConfigureAwait(false);
        return SpfMacroExpander.ToTargetName(expanded);
    }

    private SpfMacroContext MacroContext(string domain) => new()
    {
        Sender = _sender,
        LocalPart = _localPart,
        SenderDomain = _senderDomain,
        Domain = domain,
        Ip = _ip,
        Helo = _helo,
        Receiver = _options.ReceiverName,
        Now = _now,
        ValidatedName = ValidatedNameAsync,
    };

    /// <summary>
    /// The <c>p</c> macro (RFC 7208 §7.3): the domain itself if validated, else a validated name below it, else any
    /// validated name; "unknown" when there is none or DNS failed. Its PTR work follows the §5.5 limits (first 10
    /// names); like most receivers, it does not count as one of the 10 DNS-querying terms, which are mechanisms and
    /// modifiers.
    /// </summary>
    private async Task<string> ValidatedNameAsync(string domain, CancellationToken cancellationToken)
    {
        var names = (await ValidatedNamesAsync(cancellationToken).ConfigureAwait(false)).Names;
        return names.FirstOrDefault(n => n.Equals(domain, StringComparison.OrdinalIgnoreCase))
            ?? names.FirstOrDefault(n => SpfDomainName.IsAtOrBelow(n, domain))
            ?? (names.Count > 0 ? names[0] : "unknown");
    }

    /// <summary>
    /// The client's validated names (RFC 7208 §5.5): the PTR names of its address (the first 10, §4.6.4) whose own
    /// addresses include it. A failed PTR lookup gives none; a failed address lookup skips that name.
    /// </summary>
    private async Task<ValidatedNames> ValidatedNamesAsync(CancellationToken cancellationToken)
    {
        if (_validated is { } cached)
        {
            return cached;
        }

        var ptr = await _dns.QueryAsync(ReverseName.Ptr(_ip), DnsRecordType.PTR, SpfRecordLookup.Purpose, cancellationToken).ConfigureAwait(false);
        if (ptr.Failed)
        {
            return _validated = new ValidatedNames([], false, $"the PTR lookup failed: {ptr.Describe()}");
        }

        var targets = ptr.Records.Select(r => r.Target).OfType<string>().Where(t => t.Length > 0 && t != ".").ToList();
        if (targets.Count == 0)
        {
            return _validated = new ValidatedNames([], true, "no PTR record");
        }

        var names = new List<string>();
        foreach (var name in targets.Take(MaxPtrNames))
        {
            var answer = await _dns.QueryAsync(name, AddressType, SpfRecordLookup.Purpose, cancellationToken).ConfigureAwait(false);
            if (!answer.Failed && Addresses(answer).Any(a => a.Equals(_ip)))
            {
                names.Add(name);
            }
        }

        return _validated = new ValidatedNames(names, false, names.Count == 0 ? "no PTR name resolves back to it" : "");
    }

    /// <summary>
    /// The explanation for a fail (RFC 7208 §6.2): exp='s target must hold exactly one TXT record, a valid
    /// explain-string in ASCII; anything else is as if there were no exp=. Its lookup counts against no limit (§4.6.4).
    /// </summary>
    private async Task<string?> ExplainAsync(SpfRecord record, string domain, int depth, CancellationToken cancellationToken)
    {
        if (record.Explanation is not { } exp)
        {
            return null;
        }

        var target = await TargetAsync(exp.Macro, domain, cancellationToken).ConfigureAwait(false);
        string? problem = null;
        string? explanation = null;
        if (!SpfDomainName.IsValid(target))
        {
            problem = $"'{target}' is not a valid domain name";
        }
        else
        {
            var answer = await _dns.QueryAsync(target, DnsRecordType.TXT, SpfRecordLookup.Purpose, cancellationToken).ConfigureAwait(false);
            if (answer.Status != DnsResponseStatus.NoError || answer.Records.Count != 1)
            {
                problem = answer.Status == DnsResponseStatus.NoError ? $"{target} has {answer.Records.Count} TXT records, not exactly one" : $"the TXT lookup for {target} gave {answer.Describe()}";
            }
            else if (!SpfMacroString.TryParse(answer.Records[0].Text ?? "", SpfMacroUse.Explanation, out var text, out var error))
            {
                problem = $"the explanation text is not valid ({error.Message})";
            }
            else
            {
                var expanded = await SpfMacroExpander.ExpandAsync(text, MacroContext(domain), cancellationToken).ConfigureAwait(false);
                if (expanded.All(c => c is >= ' ' and <= '~'))
                {
                    explanation = expanded.Length > MaxExplanationLength ? expanded[..MaxExplanationLength] : expanded;
                }
                else
                {
                    problem = "the expanded explanation is not plain ASCII";
                }
            }
        }

        Step(depth, domain, SpfStepKind.Explanation, problem is null
            ? $"{exp.Text}: \"{explanation}\" (RFC 7208 §6.2)."
            : $"{exp.Text}: {problem}, so there is no explanation (RFC 7208 §6.2).", exp.Text);
        return explanation;
    }

    /// <summary>The client's validated names; <see cref="Void"/> when its PTR lookup had no answer.</summary>
    private sealed record ValidatedNames(IReadOnlyList<string> Names, bool Void, string Why);
}
