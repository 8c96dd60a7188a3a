using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FastData.Samples.Retail.Rows;

namespace FastData.Samples.Retail;

/// <summary>
/// Writes Debezium keys and envelopes into one reused buffer, so the only allocation per record is its final byte
/// array. When a target size is set, NOTES is padded so the value has exactly that size whenever the row without
/// padding is smaller.
/// </summary>
internal sealed class DebeziumEnvelopeWriter
{
    private const string Connector = "postgresql";
    private const string Database = "retail";
    private const string Schema = "public";

    private static readonly JsonEncodedText BeforeName = JsonEncodedText.Encode("before");
    private static readonly JsonEncodedText AfterName = JsonEncodedText.Encode("after");
    private static readonly JsonEncodedText OpName = JsonEncodedText.Encode("op");
    private static readonly JsonEncodedText TsMsName = JsonEncodedText.Encode("ts_ms");
    private static readonly JsonEncodedText SourceName = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText ConnectorName = JsonEncodedText.Encode("connector");
    private static readonly JsonEncodedText DbName = JsonEncodedText.Encode("db");
    private static readonly JsonEncodedText SchemaName = JsonEncodedText.Encode("schema");
    private static readonly JsonEncodedText TableName = JsonEncodedText.Encode("table");
    private static readonly JsonEncodedText LsnName = JsonEncodedText.Encode("lsn");
    private static readonly JsonEncodedText SnapshotName = JsonEncodedText.Encode("snapshot");

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly int _targetBytes;
    private readonly byte[] _padding;

    public DebeziumEnvelopeWriter(int targetBytes)
    {
        _targetBytes = targetBytes;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            // Phone numbers carry '+', which the default encoder would escape; real connectors do not.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
        _padding = targetBytes > 0 ? BuildPadding(targetBytes) : [];
    }

    public byte[] WriteKey(RetailRow row)
    {
        Reset();
        _json.WriteStartObject();
        row.WriteKey(_json);
        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    /// <param name="op">The Debezium op letter.</param>
    /// <param name="before">The row before the change (updates and deletes).</param>
    /// <param name="after">The row after the change (reads, creates and updates).</param>
    /// <param name="sourceTsMs">The commit time in the source database.</param>
    /// <param name="envelopeTsMs">The time the connector processed the change.</param>
    /// <param name="lsn">The source log sequence number.</param>
    /// <param name="snapshot">The value of <c>source.snapshot</c>.</param>
    public byte[] WriteValue(string op, RetailRow? before, RetailRow? after, long sourceTsMs, long envelopeTsMs, long lsn, string snapshot)
    {
        if (_targetBytes <= 0)
        {
            WriteEnvelope(op, before, after, sourceTsMs, envelopeTsMs, lsn, snapshot, -1, -1);
            return _buffer.WrittenSpan.ToArray();
        }

        // Measure the envelope with empty NOTES, then spend the remaining bytes on padding (split between the two
        // images of an update). NOTES is padding here, so a before-image's NOTES is not the previous after's.
        WriteEnvelope(op, before, after, sourceTsMs, envelopeTsMs, lsn, snapshot, 0, 0);
        var missing = Math.Max(0, _targetBytes - _buffer.WrittenCount);
        int beforePad, afterPad;
        if (before is not null && after is not null)
        {
            beforePad = missing / 2;
            afterPad = missing - beforePad;
        }
        else
        {
            beforePad = before is null ? 0 : missing;
            afterPad = after is null ? 0 : missing;
        }

        WriteEnvelope(op, before, after, sourceTsMs, envelopeTsMs, lsn, snapshot, beforePad, afterPad);
        return _buffer.WrittenSpan.ToArray();
    }

    private void WriteEnvelope(
        string op, RetailRow? before, RetailRow? after, long sourceTsMs, long envelopeTsMs, long lsn, string snapshot,
        int beforePad, int afterPad)
    {
        Reset();
        _json.WriteStartObject();
        WriteImage(BeforeName, before, beforePad);
        WriteImage(AfterName, after, afterPad);
        _json.WriteString(OpName, op);
        _json.WriteNumber(TsMsName, envelopeTsMs);
        _json.WriteStartObject(SourceName);
        _json.WriteString(ConnectorName, Connector);
        _json.WriteString(DbName, Database);
        _json.WriteString(SchemaName, Schema);
        _json.WriteString(TableName, (before ?? after)!.Topic.Table);
        _json.WriteNumber(LsnName, lsn);
        _json.WriteNumber(TsMsName, sourceTsMs);
        _json.WriteString(SnapshotName, snapshot);
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
    }

    /// <param name="pad">-1 writes the row's own NOTES; otherwise NOTES is that many padding bytes.</param>
    private void WriteImage(JsonEncodedText name, RetailRow? row, int pad)
    {
        if (row is null)
        {
            _json.WriteNull(name);
            return;
        }

        _json.WriteStartObject(name);
        row.WriteColumns(_json);
        if (pad < 0)
        {
            _json.WriteString(Columns.Notes, row.Notes);
        }
        else
        {
            _json.WriteString(Columns.Notes, _padding.AsSpan(0, pad));
        }

        _json.WriteEndObject();
    }

    private void Reset()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
    }

    private static byte[] BuildPadding(int length)
    {
        var phrase = Encoding.ASCII.GetBytes(SampleData.PaddingPhrase);
        var padding = new byte[length];
        for (var offset = 0; offset < length; offset += phrase.Length)
        {
            phrase.AsSpan(0, Math.Min(phrase.Length, length - offset)).CopyTo(padding.AsSpan(offset));
        }

        return padding;
    }
}
