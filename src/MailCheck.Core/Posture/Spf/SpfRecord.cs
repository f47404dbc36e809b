using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace MailCheck.Core.Posture.Spf;

/// <summary>A parsed SPF record (RFC 7208 §4.6, §12): its terms in order, and its redirect and exp modifiers.</summary>
public sealed record SpfRecord
{
    /// <summary>The record as published (the TXT strings joined with nothing between them, RFC 7208 §3.3).</summary>
    public required string Text { get; init; }

    /// <summary>Every term, in order.</summary>
    public required IReadOnlyList<SpfTerm> Terms { get; init; }

    /// <summary>The directives, in order.</summary>
    public IReadOnlyList<SpfMechanism> Mechanisms => [.. Terms.OfType<SpfMechanism>()];

    /// <summary>The <c>redirect=</c> modifier, if any (at most one, RFC 7208 §6).</summary>
    public SpfModifier? Redirect => Terms.OfType<SpfModifier>().FirstOrDefault(m => m.Name == "redirect");

    /// <summary>The <c>exp=</c> modifier, if any (at most one, RFC 7208 §6).</summary>
    public SpfModifier? Explanation => Terms.OfType<SpfModifier>().FirstOrDefault(m => m.Name == "exp");

    /// <summary>Modifiers SPF ignores (RFC 7208 §6).</summary>
    public IReadOnlyList<SpfModifier> UnknownModifiers => [.. Terms.OfType<SpfModifier>().Where(m => !m.IsKnown)];

    /// <summary>The first <c>all</c> mechanism: mechanisms after it are never evaluated (RFC 7208 §5.1).</summary>
    public SpfMechanism? All => Mechanisms.FirstOrDefault(m => m.Kind == SpfMechanismKind.All);

    /// <summary>
    /// True when <c>redirect=</c> takes effect: it is present and the record has no <c>all</c>, which overrides it
    /// wherever it stands (RFC 7208 §6.1).
    /// </summary>
    public bool RedirectApplies => Redirect is not null && All is null;

    /// <summary>The size of the record in bytes, for the 450-byte advice of RFC 7208 §3.4.</summary>
    public int ByteLength => Encoding.UTF8.GetByteCount(Text);

    /// <summary>Parses a record that starts with <c>v=spf1</c>; the first syntax error found is returned.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SpfRecord? record, [NotNullWhen(false)] out SpfSyntaxError? error) =>
        SpfRecordParser.TryParse(text, out record, out error);

    public override string ToString() => Text;
}
