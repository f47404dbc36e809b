namespace MailCheck.Core.Receive;

/// <summary>One MIME part of a received message.</summary>
/// <param name="Depth">0 for the message's top part, 1 for its children ...</param>
/// <param name="ContentType">E.g. "text/plain; charset=utf-8" or "multipart/alternative".</param>
/// <param name="TransferEncoding">Content-Transfer-Encoding, when given.</param>
/// <param name="FileName">An attachment's file name, when it has one.</param>
public sealed record MimePartSummary(int Depth, string ContentType, string? TransferEncoding, string? FileName);
