using System.Buffers.Binary;
using System.Text;

namespace MailCheck.Testing.Dns;

/// <summary>Just enough of the DNS wire format (RFC 1035 §4) to parse a query and write an answer.</summary>
internal static class DnsWire
{
    public const ushort TypeA = 1;
    public const ushort TypeCname = 5;
    public const ushort TypePtr = 12;
    public const ushort TypeMx = 15;
    public const ushort TypeTxt = 16;
    public const ushort TypeAaaa = 28;
    public const ushort TypeOpt = 41;
    public const ushort ClassIn = 1;

    public const int RcodeNoError = 0;
    public const int RcodeServerFailure = 2;
    public const int RcodeNameError = 3;
    public const int RcodeRefused = 5;

    public static string TypeName(ushort type) => type switch
    {
        TypeA => "A",
        TypeCname => "CNAME",
        TypeMx => "MX",
        TypePtr => "PTR",
        TypeTxt => "TXT",
        TypeAaaa => "AAAA",
        52 => "TLSA",
        6 => "SOA",
        _ => type.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Parses the header and the first question. Returns false for anything that is not a well-formed query.</summary>
    public static bool TryParseQuery(ReadOnlySpan<byte> message, out ParsedQuery query)
    {
        query = default;
        if (message.Length < 12 || (message[2] & 0x80) != 0)
        {
            return false;
        }

        var questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        if (questions < 1)
        {
            return false;
        }

        var offset = 12;
        var name = new StringBuilder();
        while (true)
        {
            if (offset >= message.Length)
            {
                return false;
            }

            int length = message[offset++];
            if (length == 0)
            {
                break;
            }

            if (length > 63 || offset + length > message.Length)
            {
                return false;
            }

            if (name.Length > 0)
            {
                name.Append('.');
            }

            name.Append(Encoding.ASCII.GetString(message.Slice(offset, length)));
            offset += length;
        }

        if (offset + 4 > message.Length)
        {
            return false;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
        var questionEnd = offset + 4;
        var additional = BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
        query = new ParsedQuery(
            BinaryPrimitives.ReadUInt16BigEndian(message),
            message[2],
            name.ToString().ToLowerInvariant(),
            type,
            message[12..questionEnd].ToArray(),
            additional > 0);
        return true;
    }

    /// <summary>
    /// Writes a response: header (AD set when <paramref name="authenticated"/>), the question as received, the answers, and
    /// an OPT record carrying <paramref name="optData"/> as its RDATA when given (RFC 6891 §6.1.2).
    /// </summary>
    public static byte[] WriteResponse(ParsedQuery query, int rcode, IReadOnlyList<ZoneRecord> answers, int maxSize, bool authenticated = false, byte[]? optData = null)
    {
        using var stream = new MemoryStream();
        var body = new MemoryStream();
        var count = 0;
        foreach (var record in answers)
        {
            var before = body.Length;
            WriteRecord(body, record);
            if (12 + query.Question.Length + body.Length > maxSize)
            {
                body.SetLength(before);
                return Header(query, rcode, truncated: true, 0, query.Question);
            }

            count++;
        }

        var header = Header(query, rcode, truncated: false, count, query.Question);
        if (authenticated)
        {
            header[3] |= 0x20;
        }

        if (optData is not null)
        {
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), 1);
        }

        stream.Write(header);
        body.Position = 0;
        body.CopyTo(stream);
        if (optData is not null)
        {
            Span<byte> opt = stackalloc byte[11];
            opt[0] = 0; // the root name
            BinaryPrimitives.WriteUInt16BigEndian(opt[1..], TypeOpt);
            BinaryPrimitives.WriteUInt16BigEndian(opt[3..], 4096);
            BinaryPrimitives.WriteUInt32BigEndian(opt[5..], 0x8000); // DO echoed
            BinaryPrimitives.WriteUInt16BigEndian(opt[9..], (ushort)optData.Length);
            stream.Write(opt);
            stream.Write(optData);
        }

        return stream.ToArray();
    }

    /// <summary>OPT RDATA holding one extended DNS error option (RFC 8914 §2: code 15, INFO-CODE, EXTRA-TEXT).</summary>
    public static byte[] ExtendedErrorOption(int infoCode, string? text)
    {
        var extra = Encoding.UTF8.GetBytes(text ?? "");
        var data = new byte[6 + extra.Length];
        BinaryPrimitives.WriteUInt16BigEndian(data, 15);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(2), (ushort)(2 + extra.Length));
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(4), (ushort)infoCode);
        extra.CopyTo(data, 6);
        return data;
    }

    public static byte[] EncodeName(string name)
    {
        var stream = new MemoryStream();
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = Encoding.ASCII.GetBytes(label);
            if (bytes.Length > 63)
            {
                throw new ArgumentException($"Label '{label}' is longer than 63 bytes.", nameof(name));
            }

            stream.WriteByte((byte)bytes.Length);
            stream.Write(bytes);
        }

        stream.WriteByte(0);
        return stream.ToArray();
    }

    private static byte[] Header(ParsedQuery query, int rcode, bool truncated, int answers, byte[] question)
    {
        var header = new byte[12 + question.Length];
        BinaryPrimitives.WriteUInt16BigEndian(header, query.Id);
        // QR=1, opcode copied, AA=1, TC, RD copied.
        header[2] = (byte)(0x80 | (query.Flags & 0x78) | 0x04 | (truncated ? 0x02 : 0) | (query.Flags & 0x01));
        header[3] = (byte)(0x80 | (rcode & 0x0F)); // RA=1
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)answers);
        question.CopyTo(header, 12);
        return header;
    }

    private static void WriteRecord(MemoryStream stream, ZoneRecord record)
    {
        Span<byte> fixedPart = stackalloc byte[10];
        stream.Write(EncodeName(record.Name));
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart, record.Type);
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart[2..], ClassIn);
        BinaryPrimitives.WriteInt32BigEndian(fixedPart[4..], record.Ttl);
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart[8..], (ushort)record.Data.Length);
        stream.Write(fixedPart);
        stream.Write(record.Data);
    }

    /// <summary>A parsed query: what the response needs to echo.</summary>
    internal readonly record struct ParsedQuery(ushort Id, byte Flags, string Name, ushort Type, byte[] Question, bool HasAdditional);
}
