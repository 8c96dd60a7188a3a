using System.Text.Json;

namespace FastData.Samples.Retail.Rows;

internal sealed record ProductRow(
    int ProductId,
    string Sku,
    string Name,
    string Category,
    long PriceCents) : RetailRow
{
    public override RetailTopic Topic => RetailTopics.ProductsTopic;

    public override void WriteKey(Utf8JsonWriter writer) => writer.WriteNumber(Columns.ProductId, ProductId);

    public override void WriteColumns(Utf8JsonWriter writer)
    {
        writer.WriteNumber(Columns.ProductId, ProductId);
        writer.WriteString(Columns.Sku, Sku);
        writer.WriteString(Columns.Name, Name);
        writer.WriteString(Columns.Category, Category);
        WriteMoney(writer, Columns.Price, PriceCents);
    }
}
