using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Receive.Verdicts;

/// <summary>The <c>transport</c> event: whether the message came over TLS, and which.</summary>
public sealed record TransportDetail(string? Protocol, string? CipherSuite, bool Pipelined) : PostureDetail;
