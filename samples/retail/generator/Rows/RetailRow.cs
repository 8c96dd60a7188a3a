using System.Buffers.Text;
using System.Text.Json;

namespace FastData.Samples.Retail.Rows;

/// <summary>The current state of one source row; immutable so that a before-image stays valid after an update.</summary>
internal abstract record RetailRow
{
    /// <summary>The free-text column every table has; the envelope writer may replace it with padding.</summary>
    public string? Notes { get; init; }

    public abstract RetailTopic Topic { get; }

    /// <summary>Writes the primary-key columns as properties of the current object.</summary>
    public abstract void WriteKey(Utf8JsonWriter writer);

    /// <summary>Writes every column except NOTES as properties of the current object.</summary>
    public abstract void WriteColumns(Utf8JsonWriter writer);

    /// <summary>Writes an amount in cents as the decimal string PostgreSQL's numeric becomes, e.g. "123.45".</summary>
    protected static void WriteMoney(Utf8JsonWriter writer, JsonEncodedText name, long cents)
    {
        Span<byte> text = stackalloc byte[24];
        Utf8Formatter.TryFormat(cents / 100, text, out var length);
        var fraction = cents % 100;
        text[length++] = (byte)'.';
        text[length++] = (byte)('0' + (fraction / 10));
        text[length++] = (byte)('0' + (fraction % 10));
        writer.WriteString(name, text[..length]);
    }
}
