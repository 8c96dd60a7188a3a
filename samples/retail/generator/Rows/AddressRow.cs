using System.Text.Json;

namespace FastData.Samples.Retail.Rows;

internal sealed record AddressRow(
    int AddressId,
    int CustomerId,
    string Street,
    string City,
    string PostalCode,
    string Country) : RetailRow
{
    public override RetailTopic Topic => RetailTopics.AddressesTopic;

    public override void WriteKey(Utf8JsonWriter writer) => writer.WriteNumber(Columns.AddressId, AddressId);

    public override void WriteColumns(Utf8JsonWriter writer)
    {
        writer.WriteNumber(Columns.AddressId, AddressId);
        writer.WriteNumber(Columns.CustomerId, CustomerId);
        writer.WriteString(Columns.Street, Street);
        writer.WriteString(Columns.City, City);
        writer.WriteString(Columns.PostalCode, PostalCode);
        writer.WriteString(Columns.Country, Country);
    }
}
