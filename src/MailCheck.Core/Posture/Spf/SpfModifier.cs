namespace MailCheck.Core.Posture.Spf;

/// <summary>A modifier, <c>name=value</c> (RFC 7208 §6): <c>redirect=</c>, <c>exp=</c>, or one SPF ignores.</summary>
public sealed record SpfModifier : SpfTerm
{
    /// <summary>The name in lower case (modifier names are case-insensitive, RFC 7208 §4.6.1).</summary>
    public required string Name { get; init; }

    /// <summary>The value as written.</summary>
    public required string Value { get; init; }

    /// <summary>The value parsed as a domain-spec (redirect and exp) or a macro-string (any other modifier).</summary>
    public required SpfMacroString Macro { get; init; }

    /// <summary>True for <c>redirect</c> and <c>exp</c>; other modifiers are ignored (RFC 7208 §6).</summary>
    public bool IsKnown => Name is "redirect" or "exp";

    public override bool CountsAsLookup => Name == "redirect";
}
