using System.Text.Json;

namespace FastData.Samples.Retail.Rows;

internal sealed record CustomerRow(
    int CustomerId,
    string FirstName,
    string LastName,
    string Email,
    string? Phone,
    string LoyaltyTier,
    bool IsActive,
    long CreatedAt) : RetailRow
{
    public override RetailTopic Topic => RetailTopics.CustomersTopic;

    public override void WriteKey(Utf8JsonWriter writer) => writer.WriteNumber(Columns.CustomerId, CustomerId);

    public override void WriteColumns(Utf8JsonWriter writer)
    {
        writer.WriteNumber(Columns.CustomerId, CustomerId);
        writer.WriteString(Columns.FirstName, FirstName);
        writer.WriteString(Columns.LastName, LastName);
        writer.WriteString(Columns.Email, Email);
        writer.WriteString(Columns.Phone, Phone);
        writer.WriteString(Columns.LoyaltyTier, LoyaltyTier);
        // The source column is text holding "true"/"false"; the configuration casts it with string-to-boolean.
        writer.WriteString(Columns.IsActive, IsActive ? "true" : "false");
        writer.WriteNumber(Columns.CreatedAt, CreatedAt);
    }
}
