namespace MailCheck.Core.Posture.Spf;

/// <summary>Where a macro-string appears, which decides what it may contain (RFC 7208 §7.1, §7.2).</summary>
public enum SpfMacroUse
{
    /// <summary>
    /// A <c>domain-spec</c> of a mechanism, <c>redirect=</c> or <c>exp=</c>: no spaces, no <c>c</c>/<c>r</c>/<c>t</c>
    /// letters, and it must end in a macro or in "." and a valid top-level label.
    /// </summary>
    DomainSpec,

    /// <summary>The explanation text fetched for <c>exp=</c> (an <c>explain-string</c>): spaces and every letter allowed.</summary>
    Explanation,

    /// <summary>The value of an unknown modifier: any macro-string; it is never expanded.</summary>
    UnknownModifier,
}
