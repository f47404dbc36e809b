namespace MailCheck.Core.Receive.Verdicts;

/// <summary>One DKIM signature of a received message and what its verification found.</summary>
public sealed record DkimSignatureResult
{
    /// <summary>The signing domain (d=); empty when the signature has none.</summary>
    public required string Domain { get; init; }

    /// <summary>The selector (s=).</summary>
    public required string Selector { get; init; }

    /// <summary>a=, e.g. rsa-sha256.</summary>
    public string? Algorithm { get; init; }

    public required DkimResult Result { get; init; }

    /// <summary>Why, in one sentence naming the RFC section.</summary>
    public required string Reason { get; init; }

    /// <summary>The key's size in bits (RSA modulus; 256 for Ed25519), when the key was read.</summary>
    public int? KeyBits { get; init; }

    /// <summary>k= of the key record.</summary>
    public string? KeyType { get; init; }

    /// <summary>i= (the agent or user identifier), when given.</summary>
    public string? Identity { get; init; }

    /// <summary>h=: the signed header fields.</summary>
    public IReadOnlyList<string> SignedHeaders { get; init; } = [];

    /// <summary>l=: how many body bytes the signature covers, when limited.</summary>
    public long? BodyLength { get; init; }

    /// <summary>t= and x= as times.</summary>
    public DateTimeOffset? SignedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The key record says t=y (testing).</summary>
    public bool Testing { get; init; }

    /// <summary>The DNS name of the key (selector._domainkey.domain) and its answer.</summary>
    public string? KeyName { get; init; }

    public string? KeyAnswer { get; init; }
}
