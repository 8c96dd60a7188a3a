namespace FastData.Samples.Retail;

/// <summary>Word lists from which realistic retail rows are composed (ASCII only, so no JSON escaping).</summary>
internal static class SampleData
{
    public static readonly string[] FirstNames =
    [
        "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Isabella", "Lucas", "Mia",
        "Mateo", "Charlotte", "Leo", "Ava", "Luca", "Hannah", "Jonas", "Sofia", "Marco", "Chloe", "Arjun", "Yuki",
        "Aisha", "Omar", "Ingrid", "Lars", "Camille", "Hugo", "Giulia", "Pedro", "Ana", "Wei", "Mei", "Kofi",
        "Zara", "Ethan", "Grace", "Felix", "Nora",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Muller",
        "Schmidt", "Rossi", "Bianchi", "Dubois", "Laurent", "Silva", "Santos", "Kowalski", "Nowak", "Jensen",
        "Hansen", "Tanaka", "Sato", "Kim", "Lee", "Chen", "Wang", "Singh", "Patel", "Okafor", "Mensah", "OBrien",
        "Murphy", "Novak", "Horvat", "Andersson", "Nielsen", "Costa", "Ferrari", "Moreau",
    ];

    public static readonly string[] EmailDomains =
        ["example.com", "mail.example.org", "shopper.example.net", "inbox.example.com"];

    public static readonly string[] StreetNames =
    [
        "Main", "High", "Church", "Station", "Park", "Mill", "Oak", "Maple", "Cedar", "Elm", "Lake", "Hill",
        "River", "Bridge", "Market", "King", "Queen", "Victoria", "Garden", "Harbour",
    ];

    public static readonly string[] StreetSuffixes = ["Street", "Road", "Avenue", "Lane", "Way", "Drive", "Square"];

    /// <summary>City, country code, currency and postal-code pattern ('9' = digit, 'A' = letter).</summary>
    public static readonly (string City, string Country, string Currency, string PostalPattern)[] Cities =
    [
        ("New York", "US", "USD", "99999"), ("Chicago", "US", "USD", "99999"), ("Austin", "US", "USD", "99999"),
        ("Seattle", "US", "USD", "99999"), ("Toronto", "CA", "CAD", "A9A 9A9"), ("London", "GB", "GBP", "AA9 9AA"),
        ("Manchester", "GB", "GBP", "A9 9AA"), ("Dublin", "IE", "EUR", "A99 A9A9"), ("Paris", "FR", "EUR", "99999"),
        ("Lyon", "FR", "EUR", "99999"), ("Berlin", "DE", "EUR", "99999"), ("Munich", "DE", "EUR", "99999"),
        ("Milan", "IT", "EUR", "99999"), ("Rome", "IT", "EUR", "99999"), ("Madrid", "ES", "EUR", "99999"),
        ("Lisbon", "PT", "EUR", "9999-999"), ("Amsterdam", "NL", "EUR", "9999 AA"), ("Stockholm", "SE", "SEK", "999 99"),
        ("Copenhagen", "DK", "DKK", "9999"), ("Warsaw", "PL", "PLN", "99-999"),
    ];

    public static readonly (string Category, string Code, long MinCents, long MaxCents)[] Categories =
    [
        ("Electronics", "ELE", 1_999, 149_999), ("Home", "HOM", 499, 39_999), ("Garden", "GAR", 399, 29_999),
        ("Books", "BOK", 499, 4_999), ("Toys", "TOY", 299, 9_999), ("Sports", "SPO", 999, 59_999),
        ("Clothing", "CLO", 799, 19_999), ("Beauty", "BEA", 299, 7_999), ("Grocery", "GRO", 99, 2_999),
        ("Office", "OFF", 199, 24_999),
    ];

    public static readonly string[] ProductAdjectives =
    [
        "Classic", "Compact", "Deluxe", "Eco", "Ergonomic", "Premium", "Rugged", "Smart", "Ultra", "Vintage",
        "Wireless", "Portable", "Organic", "Modern", "Essential",
    ];

    public static readonly string[] ProductNouns =
    [
        "Lamp", "Kettle", "Backpack", "Headphones", "Chair", "Notebook", "Blender", "Jacket", "Speaker", "Bottle",
        "Planter", "Racket", "Puzzle", "Mug", "Keyboard", "Blanket", "Watch", "Candle", "Tent", "Skillet",
    ];

    public static readonly string[] LoyaltyTiers = ["BRONZE", "SILVER", "GOLD"];

    /// <summary>Short realistic notes used when no padding is asked for.</summary>
    public static readonly string[] Notes =
    [
        "Leave at the door", "Gift wrap please", "Call before delivery", "Fragile", "Preferred contact by email",
        "Back in stock soon", "Priority customer", "Verified by support",
    ];

    /// <summary>The text NOTES is padded with (ASCII letters and spaces, so its JSON length equals its length).</summary>
    public const string PaddingPhrase = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ";
}
