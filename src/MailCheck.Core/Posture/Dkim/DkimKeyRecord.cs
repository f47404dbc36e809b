namespace MailCheck.Core.Posture.Dkim;

/// <summary>
/// A DKIM key record (RFC 6376 §3.6.1), as a verifier reads it: tags <c>v</c>, <c>h</c>, <c>k</c>, <c>n</c>, <c>p</c>,
/// <c>s</c>, <c>t</c> with their defaults; key types <c>rsa</c> and <c>ed25519</c> (RFC 8463).
/// </summary>
public sealed record DkimKeyRecord
{
    /// <summary>The record text (TXT strings joined with nothing between them, RFC 6376 §3.6.2.2).</summary>
    public required string Text { get; init; }

    /// <summary>The parsed tag-list (names are case-sensitive, RFC 6376 §3.2).</summary>
    public required TagValueList Tags { get; init; }

    /// <summary>False when this TXT record is not a DKIM key record at all (see <see cref="NotKeyReason"/>).</summary>
    public bool IsKeyRecord => NotKeyReason is null;

    /// <summary>Why this is not a key record, naming the RFC section; null for a key record.</summary>
    public string? NotKeyReason { get; init; }

    /// <summary><c>v</c>, when written.</summary>
    public string? Version { get; init; }

    /// <summary>True when <c>v</c> is written but not as the first tag (RFC 6376 §3.6.1: it MUST be first).</summary>
    public bool VersionNotFirst { get; init; }

    /// <summary><c>h</c>: the hash algorithms the key may be used with, lower case; null when absent (all allowed).</summary>
    public IReadOnlyList<string>? HashAlgorithms { get; init; }

    /// <summary><c>k</c>, lower case (default <c>rsa</c>).</summary>
    public string KeyType { get; init; } = "rsa";

    /// <summary><c>n</c>: notes for humans.</summary>
    public string? Notes { get; init; }

    /// <summary>True when the record has a <c>p</c> tag (REQUIRED, RFC 6376 §3.6.1).</summary>
    public bool HasPublicKey { get; init; }

    /// <summary><c>p</c> with whitespace removed: the base64 public key; empty when revoked.</summary>
    public string PublicKey { get; init; } = "";

    /// <summary>An empty <c>p=</c>: the key is revoked (RFC 6376 §3.6.1).</summary>
    public bool Revoked => HasPublicKey && PublicKey.Length == 0;

    /// <summary><c>s</c>: service types, lower case (default <c>*</c>).</summary>
    public IReadOnlyList<string> ServiceTypes { get; init; } = ["*"];

    /// <summary><c>t</c>: flags, lower case.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary><c>t=y</c>: the domain is testing DKIM.</summary>
    public bool Testing => Flags.Contains("y");

    /// <summary><c>t=s</c>: the <c>i=</c> domain must equal <c>d=</c>.</summary>
    public bool StrictIdentity => Flags.Contains("s");

    /// <summary>True when the key may be used for email (<c>s</c> lists <c>email</c> or <c>*</c>).</summary>
    public bool ForEmail => ServiceTypes.Any(s => s is "email" or "*");

    /// <summary>Reads one TXT record found at a selector name; never throws.</summary>
    public static DkimKeyRecord Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tags = TagValueList.Parse(text);
        var version = tags.Get("v");
        var hasKey = tags.Contains("p");
        string? notKey = null;
        if (version is not null && !string.Equals(version, "DKIM1", StringComparison.Ordinal))
        {
            notKey = $"v={version}: a key record's version is DKIM1, and verifiers MUST discard a record with another (RFC 6376 §3.6.1)";
        }
        else if (version is null && !hasKey)
        {
            notKey = "it has neither v=DKIM1 nor a p= key, so it is not a DKIM key record (RFC 6376 §3.6.1)";
        }

        return new DkimKeyRecord
        {
            Text = text,
            Tags = tags,
            NotKeyReason = notKey,
            Version = version,
            VersionNotFirst = version is not null && tags.Tags[0].Name != "v",
            HashAlgorithms = tags.Get("h") is { } h ? List(h) : null,
            KeyType = tags.Get("k") is { } k ? k.Trim().ToLowerInvariant() : "rsa",
            Notes = tags.Get("n"),
            HasPublicKey = hasKey,
            PublicKey = new string((tags.Get("p") ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()),
            ServiceTypes = tags.Get("s") is { } s ? List(s) : ["*"],
            Flags = tags.Get("t") is { } t ? List(t) : [],
        };
    }

    private static List<string> List(string value) =>
        [.. value.Split(':').Select(x => x.Trim(' ', '\t', '\r', '\n').ToLowerInvariant()).Where(x => x.Length > 0)];
}
