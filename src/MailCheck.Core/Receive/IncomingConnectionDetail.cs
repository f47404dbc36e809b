using MailCheck.Core.Checks;

namespace MailCheck.Core.Receive;

/// <summary>A connection to MailCheck's listener: who connected, from where, to where.</summary>
/// <param name="RemoteAddress">The sending server's address.</param>
/// <param name="RemotePort">Its port.</param>
/// <param name="LocalAddress">MailCheck's address on the connection.</param>
/// <param name="LocalPort">MailCheck's port.</param>
/// <param name="PtrNames">The PTR names of the remote address (not yet forward-confirmed: the reverse DNS verdict does that).</param>
public sealed record IncomingConnectionDetail(string RemoteAddress, int RemotePort, string LocalAddress, int LocalPort, IReadOnlyList<string> PtrNames) : CheckEventDetail;
