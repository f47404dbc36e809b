namespace MailCheck.Core.Posture.Dkim;

/// <summary>One probed selector: where it came from and what its name held.</summary>
public sealed record DkimSelectorResult
{
    public required string Selector { get; init; }

    /// <summary>The provider known to use it, for a selector from <see cref="DkimSelectorCatalog"/>.</summary>
    public string? Provider { get; init; }

    /// <summary>True when the user named the selector (so its absence matters).</summary>
    public bool UserGiven { get; init; }

    public required DkimKeyLookup Lookup { get; init; }

    /// <summary>How the selector is named in findings, e.g. <c>selector1 (Microsoft 365)</c>.</summary>
    public string Label => Provider is null || Provider == "generic" ? Selector : $"{Selector} ({Provider})";
}
