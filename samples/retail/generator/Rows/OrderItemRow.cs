using System.Text.Json;

namespace FastData.Samples.Retail.Rows;

internal sealed record OrderItemRow(
    int OrderId,
    int LineNo,
    int ProductId,
    int Quantity,
    long UnitPriceCents) : RetailRow
{
    public override RetailTopic Topic => RetailTopics.OrderItemsTopic;

    public long LineTotalCents => Quantity * UnitPriceCents;

    public override void WriteKey(Utf8JsonWriter writer)
    {
        writer.WriteNumber(Columns.OrderId, OrderId);
        writer.WriteNumber(Columns.LineNo, LineNo);
    }

    public override void WriteColumns(Utf8JsonWriter writer)
    {
        writer.WriteNumber(Columns.OrderId, OrderId);
        writer.WriteNumber(Columns.LineNo, LineNo);
        writer.WriteNumber(Columns.ProductId, ProductId);
        writer.WriteNumber(Columns.Quantity, Quantity);
        WriteMoney(writer, Columns.UnitPrice, UnitPriceCents);
    }
}
