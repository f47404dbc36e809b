using System.Text;
using MailCheck.Core.Checks;

namespace MailCheck.Core.Smtp;

/// <summary>
/// AUTH PLAIN (preferred) or LOGIN (RFC 4954). The password, and every base64 form of it that goes on the wire,
/// is registered with the event sink as a secret and shown as <see cref="SmtpCredentials.Redacted"/>.
/// </summary>
internal static class SmtpAuthenticator
{
    public static readonly IReadOnlyList<string> Supported = ["PLAIN", "LOGIN"];

    /// <summary>The mechanism to use, or null when the server offers none that MailCheck speaks.</summary>
    public static string? Choose(IReadOnlyList<string> offered) =>
        Supported.FirstOrDefault(m => offered.Contains(m, StringComparer.OrdinalIgnoreCase));

    /// <summary>Registers every form of the secret that could reach a transcript.</summary>
    public static void RegisterSecrets(CheckEventSink sink, SmtpCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(credentials);
        sink.AddSecret(PlainPayload(credentials));
        sink.AddSecret(Base64(credentials.Password));

        // The bare password is scrubbed too when it is long enough not to mangle ordinary words.
        if (credentials.Password.Length >= 6)
        {
            sink.AddSecret(credentials.Password);
        }
    }

    /// <summary>Authenticates; returns the final reply (235 on success).</summary>
    public static async Task<SmtpReply> AuthenticateAsync(SmtpConnection connection, string mechanism, SmtpCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(credentials);
        if (mechanism == "PLAIN")
        {
            var payload = PlainPayload(credentials);
            var reply = await connection.CommandAsync(EventKind.Auth, "AUTH PLAIN " + payload, "AUTH PLAIN " + SmtpCredentials.Redacted).ConfigureAwait(false);
            if (reply.Code == 334)
            {
                // Some servers ignore the initial response and ask for it.
                reply = await connection.CommandAsync(EventKind.Auth, payload, SmtpCredentials.Redacted).ConfigureAwait(false);
            }

            return reply;
        }

        var login = await connection.CommandAsync(EventKind.Auth, "AUTH LOGIN").ConfigureAwait(false);
        if (login.Code != 334)
        {
            return login;
        }

        var user = Base64(credentials.Username);
        login = await connection.CommandAsync(EventKind.Auth, user).ConfigureAwait(false);
        if (login.Code != 334)
        {
            return login;
        }

        return await connection.CommandAsync(EventKind.Auth, Base64(credentials.Password), SmtpCredentials.Redacted).ConfigureAwait(false);
    }

    private static string PlainPayload(SmtpCredentials credentials) =>
        Base64("\0" + credentials.Username + "\0" + credentials.Password);

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
