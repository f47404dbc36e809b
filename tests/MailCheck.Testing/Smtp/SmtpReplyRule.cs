namespace MailCheck.Testing.Smtp;

/// <summary>A reply <see cref="TestSmtpServer"/> gives instead of accepting, e.g. <c>new(550, "5.1.1 Mailbox does not exist")</c>.</summary>
/// <param name="Code">The three-digit reply code.</param>
/// <param name="Text">The reply text, starting with the enhanced status code.</param>
public sealed record SmtpReplyRule(int Code, string Text);
