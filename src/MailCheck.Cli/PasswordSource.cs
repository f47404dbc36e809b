using System.Text;

namespace MailCheck.Cli;

/// <summary>
/// The AUTH password: from <c>MAILCHECK_PASSWORD</c>, or typed at a prompt on a terminal without echo. Never a flag
/// (a flag is visible in <c>ps</c> and in shell history).
/// </summary>
public static class PasswordSource
{
    public const string Variable = "MAILCHECK_PASSWORD";

    /// <summary>The password for <paramref name="user"/>; throws <see cref="CliUsageException"/> when there is no way to get one.</summary>
    public static string Get(string user)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        if (Console.IsInputRedirected || Console.IsErrorRedirected)
        {
            throw new CliUsageException($"--auth-user {user}: set {Variable} (there is no terminal to ask for the password, and it is never taken as a flag).");
        }

        Console.Error.Write($"Password for {user}: ");
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        if (password.Length == 0)
        {
            throw new CliUsageException($"--auth-user {user}: no password was typed.");
        }

        return password.ToString();
    }
}
