using System.Text;
using System.Text.Json;

namespace FastData.Orleans.Streaming.Kafka.Formats;

/// <summary>Which CDC envelope a value is read as: the property names differ, the shape is the same.</summary>
internal enum CdcDialect
{
    Debezium,
    GoldenGate,
}

/// <summary>
/// The parts of a CDC envelope that decoding needs, read in one forward pass with <see cref="Utf8JsonReader"/>: the
/// before/after images as byte ranges of the value (never copied), the one-letter operation and the ordering value.
/// </summary>
internal struct CdcEnvelope
{
    public int BeforeStart;
    public int BeforeLength;
    public int AfterStart;
    public int AfterLength;
    public char Operation;
    public string? RawOperation;
    public Digits Lsn;
    public Digits Position;
    public Digits SourceTsMs;
    public Digits TsMs;
    public bool PayloadIsNull;

    public readonly bool HasBefore => BeforeLength > 0;

    public readonly bool HasAfter => AfterLength > 0;

    /// <summary>Reads <paramref name="value"/>; throws <see cref="JsonException"/> when it is not well-formed JSON.</summary>
    public static CdcEnvelope Read(byte[] value, CdcDialect dialect, out bool isObject)
    {
        var envelope = new CdcEnvelope();
        var reader = new Utf8JsonReader(value);
        isObject = reader.Read() && reader.TokenType == JsonTokenType.StartObject;
        if (!isObject)
        {
            return envelope;
        }

        ReadObject(ref reader, dialect, ref envelope, topLevel: true);
        return envelope;
    }

    private static void ReadObject(ref Utf8JsonReader reader, CdcDialect dialect, ref CdcEnvelope envelope, bool topLevel)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("before"u8))
            {
                reader.Read();
                Capture(ref reader, out envelope.BeforeStart, out envelope.BeforeLength);
            }
            else if (reader.ValueTextEquals("after"u8))
            {
                reader.Read();
                Capture(ref reader, out envelope.AfterStart, out envelope.AfterLength);
            }
            else if (dialect == CdcDialect.Debezium ? reader.ValueTextEquals("op"u8) : reader.ValueTextEquals("op_type"u8))
            {
                reader.Read();
                ReadOperation(ref reader, ref envelope);
            }
            else if (dialect == CdcDialect.Debezium && reader.ValueTextEquals("ts_ms"u8))
            {
                reader.Read();
                envelope.TsMs = ReadDigits(ref reader);
            }
            else if (dialect == CdcDialect.Debezium && reader.ValueTextEquals("source"u8))
            {
                reader.Read();
                ReadSource(ref reader, ref envelope);
            }
            else if (dialect == CdcDialect.GoldenGate && reader.ValueTextEquals("pos"u8))
            {
                reader.Read();
                envelope.Position = ReadDigits(ref reader);
            }
            else if (topLevel && dialect == CdcDialect.Debezium && reader.ValueTextEquals("payload"u8))
            {
                // The JSON converter's schema wrapper: {"schema": {...}, "payload": {envelope} | null}.
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    envelope.PayloadIsNull = true;
                }
                else if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadObject(ref reader, dialect, ref envelope, topLevel: false);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void Capture(ref Utf8JsonReader reader, out int start, out int length)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            start = (int)reader.TokenStartIndex;
            reader.Skip();
            length = (int)reader.BytesConsumed - start;
            return;
        }

        start = 0;
        length = 0;
        reader.Skip();
    }

    private static void ReadOperation(ref Utf8JsonReader reader, ref CdcEnvelope envelope)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            envelope.RawOperation = reader.TokenType.ToString();
            reader.Skip();
            return;
        }

        var span = reader.ValueSpan;
        if (span.Length == 1 && !reader.ValueIsEscaped)
        {
            envelope.Operation = (char)span[0];
        }

        envelope.RawOperation = null;
        if (envelope.Operation == '\0')
        {
            envelope.RawOperation = reader.GetString();
        }
    }

    private static void ReadSource(ref Utf8JsonReader reader, ref CdcEnvelope envelope)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("lsn"u8))
            {
                reader.Read();
                envelope.Lsn = ReadDigits(ref reader);
            }
            else if (reader.ValueTextEquals("ts_ms"u8))
            {
                reader.Read();
                envelope.SourceTsMs = ReadDigits(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>A non-negative integer (JSON number or digit string) as its digits; anything else is not an ordering value.</summary>
    private static Digits ReadDigits(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String) || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            reader.Skip();
            return default;
        }

        var span = reader.ValueSpan;
        if (span.IsEmpty || span.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return default;
        }

        // A string token starts at its opening quote.
        var start = (int)reader.TokenStartIndex + (reader.TokenType == JsonTokenType.String ? 1 : 0);
        return new Digits(start, span.Length);
    }

    /// <summary>The first of <paramref name="candidates"/> that is present, as a string (only that one is allocated).</summary>
    public static string? FirstOf(byte[] value, Digits first, Digits second = default, Digits third = default)
    {
        var chosen = first.Length > 0 ? first : second.Length > 0 ? second : third;
        return chosen.Length > 0 ? Encoding.ASCII.GetString(value, chosen.Start, chosen.Length) : null;
    }

    /// <summary>Where a run of decimal digits lies in the record value.</summary>
    public readonly record struct Digits(int Start, int Length);

    public readonly string DescribeOperation() => Operation != '\0' ? $"'{Operation}'" : RawOperation is null ? "none" : $"'{RawOperation}'";
}
