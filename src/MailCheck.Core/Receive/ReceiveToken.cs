using System.Security.Cryptography;

namespace MailCheck.Core.Receive;

/// <summary>
/// The local part of a receive check's address: 128 random bits in base32 (RFC 4648 §6 alphabet, lower case, no
/// padding), 26 characters — letters and digits only, so it fits a local part (at most 64 octets, RFC 5321
/// §4.5.3.1.1) as a dot-atom that every mail system passes on unchanged, and cannot be guessed.
/// </summary>
public static class ReceiveToken
{
    /// <summary>Characters in a token.</summary>
    public const int Length = 26;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A new token from the system's cryptographic random number generator.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Encode(bytes);
    }

    /// <summary>Base32 of <paramref name="bytes"/>, lower case, without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[((bytes.Length * 8) + 4) / 5];
        var buffer = 0;
        var bits = 0;
        var n = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[n++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            chars[n++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars, 0, n);
    }

    /// <summary>
    /// Reads a local part as a token: 26 characters of the base32 alphabet, in either case (some mail systems change
    /// the case of local parts; the token is compared in lower case). False for anything else.
    /// </summary>
    public static bool TryParse(string? localPart, out string token)
    {
        token = "";
        if (localPart is null || localPart.Length != Length)
        {
            return false;
        }

        var lower = localPart.ToLowerInvariant();
        foreach (var c in lower)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        // 26 characters carry 130 bits: the last character's two lowest bits are padding and must be zero.
        if ((Alphabet.IndexOf(lower[^1], StringComparison.Ordinal) & 3) != 0)
        {
            return false;
        }

        token = lower;
        return true;
    }

    /// <summary>The address of a token: <c>token@domain</c>.</summary>
    public static string Address(string token, string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(domain);
        return $"{token}@{domain.Trim().TrimEnd('.').ToLowerInvariant()}";
    }
}
