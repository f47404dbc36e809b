using MailCheck.Core.Documents;
using MailCheck.Web.Data;

namespace MailCheck.Web.Scale;

/// <summary>A check this instance took from the shared queue (its claim is committed before anything is sent).</summary>
/// <param name="Id">The check.</param>
/// <param name="Request">The request as stored: everything but an AUTH password.</param>
/// <param name="Pinned">It carries AUTH credentials, which only this instance holds in memory.</param>
public sealed record ClaimedCheck(string Id, RedactedRequest Request, bool Pinned);
