using System.Text.Json;

namespace FastData.Samples.Retail.Rows;

internal sealed record OrderRow(
    int OrderId,
    int CustomerId,
    long OrderDate,
    string Status,
    long TotalCents,
    string Currency) : RetailRow
{
    public override RetailTopic Topic => RetailTopics.OrdersTopic;

    public override void WriteKey(Utf8JsonWriter writer) => writer.WriteNumber(Columns.OrderId, OrderId);

    public override void WriteColumns(Utf8JsonWriter writer)
    {
        writer.WriteNumber(Columns.OrderId, OrderId);
        writer.WriteNumber(Columns.CustomerId, CustomerId);
        writer.WriteNumber(Columns.OrderDate, OrderDate);
        writer.WriteString(Columns.Status, Status);
        WriteMoney(writer, Columns.TotalAmount, TotalCents);
        writer.WriteString(Columns.Currency, Currency);
    }
}
