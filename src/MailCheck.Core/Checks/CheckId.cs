using System.Security.Cryptography;

namespace MailCheck.Core.Checks;

/// <summary>Check ids: 128 random bits, base64url without padding (22 characters).</summary>
public static class CheckId
{
    public const int Length = 22;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>True when <paramref name="value"/> has the shape of a check id (22 base64url characters).</summary>
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != Length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
