using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailCheck.Testing.Dns;

/// <summary>
/// A real, authoritative-looking DNS server on a loopback address (UDP and TCP on the same free port),
/// answering from a zone built fluently. Unknown names get NXDOMAIN; known names without the asked type get an
/// empty NOERROR (NODATA); CNAMEs are followed inside the zone the way a recursive resolver would.
/// Per name, <see cref="SetBehavior"/> can make it answer SERVFAIL or REFUSED, or never answer (a timeout).
/// </summary>
/// <example>
/// <code>
/// await using var dns = InProcessDnsServer.Start()
///     .AddMx("example.test", 10, "mx1.example.test")
///     .AddA("mx1.example.test", "127.0.0.2");
/// var options = new DnsOptions { Servers = [dns.Endpoint] };
/// </code>
/// </example>
public sealed class InProcessDnsServer : IAsyncDisposable, IDisposable
{
    private const int UdpPlainLimit = 512;
    private const int UdpEdnsLimit = 4096;

    private readonly Socket _udp;
    private readonly TcpListener _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ZoneRecord> _records = [];
    private readonly Dictionary<string, DnsNameBehavior> _behaviors = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<DnsQueryReceived> _queries = [];
    private readonly HashSet<string> _signed = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (int Code, string? Text)> _extendedErrors = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;

    private InProcessDnsServer(Socket udp, TcpListener tcp)
    {
        _udp = udp;
        _tcp = tcp;
        ListenEndPoint = (IPEndPoint)udp.LocalEndPoint!;
        _udpLoop = Task.Run(UdpLoopAsync);
        _tcpLoop = Task.Run(TcpLoopAsync);
    }

    /// <summary>Where the server listens.</summary>
    public IPEndPoint ListenEndPoint { get; }

    /// <summary>"127.0.0.1:port", ready for <c>DnsOptions.Servers</c>.</summary>
    public string Endpoint => ListenEndPoint.Address.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{ListenEndPoint.Address}]:{ListenEndPoint.Port}"
        : $"{ListenEndPoint.Address}:{ListenEndPoint.Port}";

    /// <summary>Every query received so far, in order.</summary>
    public IReadOnlyList<DnsQueryReceived> Queries
    {
        get
        {
            lock (_gate)
            {
                return [.. _queries];
            }
        }
    }

    /// <summary>Starts a server on <paramref name="address"/> (default 127.0.0.1) at a port free for UDP and TCP.</summary>
    public static InProcessDnsServer Start(IPAddress? address = null)
    {
        var ip = address ?? IPAddress.Loopback;
        for (var attempt = 0; ; attempt++)
        {
            var udp = new Socket(ip.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                udp.Bind(new IPEndPoint(ip, 0));
                var tcp = new TcpListener(ip, ((IPEndPoint)udp.LocalEndPoint!).Port);
                tcp.Start();
                return new InProcessDnsServer(udp, tcp);
            }
            catch (SocketException) when (attempt < 20)
            {
                udp.Dispose();
            }
        }
    }

    /// <summary>Adds an MX record; <paramref name="host"/> "." makes a null MX.</summary>
    public InProcessDnsServer AddMx(string domain, int preference, string host, int ttl = 300)
    {
        var name = DnsWire.EncodeName(host);
        var data = new byte[2 + name.Length];
        BinaryPrimitives.WriteUInt16BigEndian(data, checked((ushort)preference));
        name.CopyTo(data, 2);
        return Add(new ZoneRecord(Normalize(domain), DnsWire.TypeMx, ttl, data));
    }

    /// <summary>Adds the null MX of RFC 7505: a single MX with preference 0 and the root as exchange.</summary>
    public InProcessDnsServer AddNullMx(string domain, int ttl = 300) => AddMx(domain, 0, ".", ttl);

    /// <summary>Adds an A record.</summary>
    public InProcessDnsServer AddA(string name, string address, int ttl = 300)
    {
        var ip = IPAddress.Parse(address);
        if (ip.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not an IPv4 address.", nameof(address));
        }

        return Add(new ZoneRecord(Normalize(name), DnsWire.TypeA, ttl, ip.GetAddressBytes()));
    }

    /// <summary>Adds an AAAA record.</summary>
    public InProcessDnsServer AddAaaa(string name, string address, int ttl = 300)
    {
        var ip = IPAddress.Parse(address);
        if (ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException($"{address} is not an IPv6 address.", nameof(address));
        }

        return Add(new ZoneRecord(Normalize(name), DnsWire.TypeAaaa, ttl, ip.GetAddressBytes()));
    }

    /// <summary>Adds a TXT record; text longer than 255 bytes is split into several character-strings.</summary>
    public InProcessDnsServer AddTxt(string name, string text, int ttl = 300)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        using var data = new MemoryStream();
        var offset = 0;
        do
        {
            var length = Math.Min(255, bytes.Length - offset);
            data.WriteByte((byte)length);
            data.Write(bytes, offset, length);
            offset += length;
        }
        while (offset < bytes.Length);

        return Add(new ZoneRecord(Normalize(name), DnsWire.TypeTxt, ttl, data.ToArray()));
    }

    /// <summary>Adds a TXT record made of exactly these character-strings (each at most 255 bytes).</summary>
    public InProcessDnsServer AddTxtStrings(string name, params string[] strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        using var data = new MemoryStream();
        foreach (var s in strings)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            if (bytes.Length > 255)
            {
                throw new ArgumentException("A character-string holds at most 255 bytes.", nameof(strings));
            }

            data.WriteByte((byte)bytes.Length);
            data.Write(bytes);
        }

        return Add(new ZoneRecord(Normalize(name), DnsWire.TypeTxt, 300, data.ToArray()));
    }

    /// <summary>Adds a PTR record (<paramref name="name"/> is the reverse name, e.g. 2.0.0.127.in-addr.arpa).</summary>
    public InProcessDnsServer AddPtr(string name, string target, int ttl = 300) =>
        Add(new ZoneRecord(Normalize(name), DnsWire.TypePtr, ttl, DnsWire.EncodeName(target)));

    /// <summary>Adds a record of any type with RDATA given as bytes (e.g. TLSA, type 52).</summary>
    public InProcessDnsServer AddRaw(string name, ushort type, byte[] data, int ttl = 300) =>
        Add(new ZoneRecord(Normalize(name), type, ttl, data));

    /// <summary>Adds a CNAME; queries for <paramref name="name"/> get the CNAME plus the target's records.</summary>
    public InProcessDnsServer AddCname(string name, string target, int ttl = 300) =>
        Add(new ZoneRecord(Normalize(name), DnsWire.TypeCname, ttl, DnsWire.EncodeName(target), Normalize(target)));

    /// <summary>Changes how queries for <paramref name="name"/> (any type) are treated.</summary>
    public InProcessDnsServer SetBehavior(string name, DnsNameBehavior behavior)
    {
        lock (_gate)
        {
            _behaviors[Normalize(name)] = behavior;
        }

        return this;
    }

    /// <summary>
    /// Answers for <paramref name="zone"/> and every name below it carry the AD flag, as a validating resolver sets it for a
    /// zone it has a chain of trust to.
    /// </summary>
    public InProcessDnsServer Sign(string zone)
    {
        lock (_gate)
        {
            _signed.Add(Normalize(zone));
        }

        return this;
    }

    /// <summary>Queries for <paramref name="name"/> get SERVFAIL with this extended DNS error in the OPT record (RFC 8914).</summary>
    public InProcessDnsServer ExtendedError(string name, int infoCode, string? text = null)
    {
        lock (_gate)
        {
            _extendedErrors[Normalize(name)] = (infoCode, text);
        }

        return SetBehavior(name, DnsNameBehavior.ServerFailure);
    }

    /// <summary>Queries for <paramref name="name"/> get SERVFAIL.</summary>
    public InProcessDnsServer ServFail(string name) => SetBehavior(name, DnsNameBehavior.ServerFailure);

    /// <summary>Queries for <paramref name="name"/> get no answer at all, so the client times out.</summary>
    public InProcessDnsServer NoAnswer(string name) => SetBehavior(name, DnsNameBehavior.NoAnswer);

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _udp.Dispose();
        _tcp.Stop();
        _stop.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Dispose();
        try
        {
            await Task.WhenAll(_udpLoop, _tcpLoop).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or TimeoutException)
        {
            // Stopping: the loops end with these.
        }
    }

    private static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    private bool IsSigned(string name) => _signed.Any(zone => name == zone || name.EndsWith("." + zone, StringComparison.Ordinal));

    private InProcessDnsServer Add(ZoneRecord record)
    {
        lock (_gate)
        {
            _records.Add(record);
        }

        return this;
    }

    /// <summary>Builds the answer for one query, or null to stay silent.</summary>
    private byte[]? Respond(ReadOnlySpan<byte> message, bool tcp)
    {
        if (!DnsWire.TryParseQuery(message, out var query))
        {
            return null;
        }

        lock (_gate)
        {
            _queries.Add(new DnsQueryReceived(query.Name, DnsWire.TypeName(query.Type), tcp));
            var behavior = _behaviors.GetValueOrDefault(query.Name, DnsNameBehavior.Answer);
            var maxSize = tcp ? ushort.MaxValue : query.HasAdditional ? UdpEdnsLimit : UdpPlainLimit;
            switch (behavior)
            {
                case DnsNameBehavior.NoAnswer:
                    return null;
                case DnsNameBehavior.ServerFailure:
                    return DnsWire.WriteResponse(
                        query, DnsWire.RcodeServerFailure, [], maxSize,
                        optData: _extendedErrors.TryGetValue(query.Name, out var ede) ? DnsWire.ExtendedErrorOption(ede.Code, ede.Text) : null);
                case DnsNameBehavior.Refused:
                    return DnsWire.WriteResponse(query, DnsWire.RcodeRefused, [], maxSize);
            }

            var answers = new List<ZoneRecord>();
            var name = query.Name;
            for (var hops = 0; hops < 8; hops++)
            {
                var owned = _records.Where(r => r.Name == name).ToList();
                var cname = owned.FirstOrDefault(r => r.Type == DnsWire.TypeCname);
                if (cname is not null && query.Type != DnsWire.TypeCname)
                {
                    answers.Add(cname);
                    name = cname.Target!;
                    continue;
                }

                answers.AddRange(owned.Where(r => r.Type == query.Type));
                var exists = owned.Count > 0 || _records.Any(r => r.Name.EndsWith("." + name, StringComparison.Ordinal));
                var rcode = exists || answers.Count > 0 ? DnsWire.RcodeNoError : DnsWire.RcodeNameError;
                var authenticated = IsSigned(query.Name) && answers.Where(r => r.Target is not null).All(r => IsSigned(r.Target!));
                return DnsWire.WriteResponse(query, rcode, answers, maxSize, authenticated);
            }

            return DnsWire.WriteResponse(query, DnsWire.RcodeServerFailure, [], maxSize);
        }
    }

    private async Task UdpLoopAsync()
    {
        var buffer = new byte[UdpEdnsLimit];
        EndPoint any = new IPEndPoint(ListenEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // ICMP port unreachable from a client that went away: keep serving.
                continue;
            }

            var response = Respond(buffer.AsSpan(0, received.ReceivedBytes), tcp: false);
            if (response is not null)
            {
                try
                {
                    await _udp.SendToAsync(response, SocketFlags.None, received.RemoteEndPoint, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // The client is gone or the server is stopping.
                }
            }
        }
    }

    private async Task TcpLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _tcp.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeTcpAsync(client));
        }
    }

    private async Task ServeTcpAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var lengthPrefix = new byte[2];
                while (!_stop.IsCancellationRequested)
                {
                    await stream.ReadExactlyAsync(lengthPrefix, _stop.Token).ConfigureAwait(false);
                    var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(lengthPrefix)];
                    await stream.ReadExactlyAsync(message, _stop.Token).ConfigureAwait(false);
                    var response = Respond(message, tcp: true);
                    if (response is null)
                    {
                        continue;
                    }

                    var framed = new byte[response.Length + 2];
                    BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)response.Length);
                    response.CopyTo(framed, 2);
                    await stream.WriteAsync(framed, _stop.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is EndOfStreamException or IOException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // The client closed the connection or the server is stopping.
            }
        }
    }
}
