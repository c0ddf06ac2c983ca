/// Shopify CSV exports as the admin writes them, for the import tests.
enum ShopifyExports {
    static let productHeader = """
        Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option1 Linked To,\
        Option2 Name,Option2 Value,Option2 Linked To,Option3 Name,Option3 Value,Option3 Linked To,Variant SKU,Variant Grams,\
        Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,\
        Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,\
        Image Alt Text,Gift Card,SEO Title,SEO Description,Variant Image,Variant Weight Unit,Variant Tax Code,Cost per item,Status
        """

    /// Four products in eight rows: a single-variant product whose body has quoted commas and
    /// quotes, a two-option product with an image-only row between its variants, a gift card
    /// that is neither shipped nor taxed nor tracked, and a draft with a body spanning lines.
    static let products = productHeader + "\r\n" + """
        ocean-blue-shirt,Ocean Blue Shirt,"<p>Soft, light ""ocean"" blue.</p>",partners-demo,Apparel & Accessories > Clothing,Shirts,"men, summer",TRUE,Title,Default Title,,,,,,,,SHIRT-OB,200,shopify,50,deny,manual,50.00,,TRUE,TRUE,,https://cdn.example/ocean.jpg,1,,FALSE,,,,kg,,12.50,active
        classic-varsity-top,Classic Varsity Top,<p>Womens varsity top</p>,partners-demo,,Tops,women,TRUE,Size,S,,Color,Navy,,,,,VAR-S-NV,300,shopify,10,deny,manual,60.00,75.00,TRUE,TRUE,0123456789012,https://cdn.example/varsity-1.jpg,1,,FALSE,,,,kg,,,active
        classic-varsity-top,,,,,,,,,S,,,Cream,,,,,VAR-S-CR,300,shopify,0,continue,manual,60.00,75.00,TRUE,TRUE,,,,,,,,,kg,,,
        classic-varsity-top,,,,,,,,,,,,,,,,,,,,,,,,,,,,https://cdn.example/varsity-2.jpg,2,Back view,,,,,,,,
        classic-varsity-top,,,,,,,,,M,,,Navy,,,,,VAR-M-NV,320,shopify,-2,continue,manual,60.00,75.00,TRUE,TRUE,,,,,,,,,kg,,,
        classic-varsity-top,,,,,,,,,M,,,Cream,,,,,VAR-M-CR,320,shopify,4,deny,manual,62.50,75.00,TRUE,TRUE,,,,,,,,,kg,,,
        gift-card,Gift Card,,Snowdevil,,Gift Cards,,TRUE,Denominations,$25,,,,,,,,GC-25,0,,0,deny,manual,25.00,,FALSE,FALSE,,,,,TRUE,,,,kg,,,active
        gift-card,,,,,,,,,$50,,,,,,,,GC-50,0,,0,deny,manual,50.00,,FALSE,FALSE,,,,,,,,,kg,,,
        spring-jacket,Spring Jacket,"<p>Line one,
        line two</p>",Snowdevil,,Outerwear,"spring, new",FALSE,Title,Default Title,,,,,,,,JK-SPR,900,shopify,3,deny,manual,120.00,,TRUE,TRUE,,,,,FALSE,,,,kg,,,draft
        """

    static let customers = """
        Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,\
        Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,\
        Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags
        '7051738693859,Russell,Winfield,russel.winfield@example.com,no,Company HQ,105 Victoria St,,Toronto,ON,CA,M5C1N7,,+16135550135,no,0.00,0,,no,
        '7051738726627,Karine,Ruby,karine.ruby@example.com,yes,,"1, Rue de la Paix",Apt 3,Paris,,FR,75002,,,no,0.00,0,"Prefers email, not phone",no,"vip, newsletter"
        '7051738759395,Northwind,Schools,purchasing@northwind.example,no,Northwind Schools,3 Slope Rd,,Lexington,KY,US,40507,,,no,0.00,0,,yes,wholesale
        """
}
