namespace MailCheck.Core.Posture.Spf;

/// <summary>One step of a <c>check_host()</c> evaluation, in the order it happened, for a page to show as a path.</summary>
public sealed record SpfTraceStep
{
    /// <summary>0 for the domain checked, 1 inside its include or redirect, and so on.</summary>
    public required int Depth { get; init; }

    /// <summary>The domain whose record the step belongs to.</summary>
    public required string Domain { get; init; }

    public required SpfStepKind Kind { get; init; }

    /// <summary>The term as written (<c>include:_spf.example.net</c>, <c>-all</c>), when the step is about one.</summary>
    public string? Term { get; init; }

    /// <summary>For a mechanism: whether it matched.</summary>
    public bool? Matched { get; init; }

    /// <summary>For a result step: the result.</summary>
    public SpfResult? Result { get; init; }

    /// <summary>What happened, in plain words.</summary>
    public required string Text { get; init; }

    /// <summary>DNS-querying terms counted so far in this evaluation (limit 10, RFC 7208 §4.6.4).</summary>
    public int Lookups { get; init; }

    /// <summary>Void lookups counted so far (limit 2, RFC 7208 §4.6.4).</summary>
    public int VoidLookups { get; init; }
}
