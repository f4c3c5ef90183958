/**
 * Generated from the server's OpenAPI document by `npm run api:types` (scripts/openapi-types.ts).
 * Do not edit: change the route schemas on the server and regenerate.
 */

export interface paths {
    "/api/v1/appointments/halls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The halls (北京, 上海, 深圳): address, 预约说明, business categories, opening days and periods */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                address: string;
                                categories: {
                                    code: string;
                                    name: string;
                                    nameEn: string;
                                }[];
                                name: string;
                                /** @description 预约说明 */
                                notes: string;
                                openWeekdays: number[];
                                periods: {
                                    /** @description HH:MM, Beijing time */
                                    ends: string;
                                    /** @description HH:MM, Beijing time */
                                    starts: string;
                                }[];
                                region: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/halls/{region}/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 预约日期及时段: the open days from today within the booking horizon, each period not yet begun with the places left */
        get: {
            parameters: {
                query: {
                    /** @description 业务类别 code */
                    category: string;
                };
                header?: never;
                path: {
                    /** @description 办理地区: 北京 | 上海 | 深圳 */
                    region: "beijing" | "shanghai" | "shenzhen";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            category: string;
                            days: {
                                day: string;
                                periods: {
                                    ends: string;
                                    left: number;
                                    starts: string;
                                }[];
                            }[];
                            region: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/halls/{region}/check-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 签到 at the hall kiosk with the appointment code (typed, or read from its QR code) on the day: a queue ticket called first within the period */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description 办理地区: 北京 | 上海 | 深圳 */
                    region: "beijing" | "shanghai" | "shenzhen";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 预约码 */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            category: string;
                            categoryName: string;
                            categoryNameEn: string;
                            /** @description 排队码 */
                            code: string;
                            /** @description 排队号 */
                            number: string;
                            /** @description 目前等待人数 */
                            waitingBefore: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/appointments/halls/{region}/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 取号 at the hall kiosk: a queue number and queue code (排队码) for a business category */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description 办理地区: 北京 | 上海 | 深圳 */
                    region: "beijing" | "shanghai" | "shenzhen";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 业务类别 code */
                        category: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            category: string;
                            categoryName: string;
                            categoryNameEn: string;
                            /** @description 排队码 */
                            code: string;
                            /** @description 排队号 */
                            number: string;
                            /** @description 目前等待人数 */
                            waitingBefore: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/broker/counter-verifications/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm or refuse a pending counter verification */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        decision: "confirm" | "refuse";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/broker/counter-verifications/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pending counter verifications of the person at the counter, by name and ID (checked in person); the ID goes in the body, never the URL */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        idNumber: string;
                        idType: string;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                expiresAt: string;
                                id: string;
                                idType: string;
                                name: string;
                                purpose: string;
                                requestedAt: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/captcha": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new graphic captcha (图形验证码): single use, short-lived */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            captchaId: string;
                            expiresInSeconds: number;
                            image: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/order-reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Intake of an exchange order report (sandbox feed); a marked order passes a waiting trading-terminal verification. Staff with exchange.order_reports; in demo mode also the sandbox exchange (its terminal page /sandbox/ and `clearhall sandbox order-report`), without a sign-in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        brokerCode: string;
                        /** @description a decimal with at most 3 decimals, as a string */
                        price: string;
                        /** @description a whole number of shares, at least 1 */
                        quantity: string;
                        securitiesAccountNumber: string;
                        securityCode: string;
                        side: "buy" | "sell";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            passedVerifications: number;
                            reportId: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/abandonments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 放弃认购数据: your abandoned subscriptions by report date, and per market whether you are barred from subscribing today */
        get: {
            parameters: {
                query?: {
                    /** @description opaque reference of one of your securities accounts (`ref` of the account choices) */
                    account?: string;
                    /** @description a calendar day, YYYY-MM-DD */
                    from?: string;
                    page?: string;
                    pageSize?: string;
                    /** @description a calendar day, YYYY-MM-DD */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description a whole number of shares, as a decimal string */
                                abandonedQuantity: string;
                                /** @description the securities account number, masked */
                                accountMasked: string;
                                /** @description opaque reference of the account, for requests */
                                accountRef: string;
                                id: string;
                                market: string;
                                productType: string;
                                reportedOn: string;
                                securityCode: string;
                                securityName: string;
                                /** @description a whole number of shares, as a decimal string */
                                winningQuantity: string;
                            }[];
                            markets: {
                                barredFrom: string | null;
                                barredTo: string | null;
                                eligible: boolean;
                                market: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 我的预约: your appointments by 查询方式 (appointment_day: by the day of the appointment; application_day: by the day it was made) within a period */
        get: {
            parameters: {
                query: {
                    /** @description a calendar day, YYYY-MM-DD */
                    from: string;
                    method: "appointment_day" | "application_day";
                    /** @description a calendar day, YYYY-MM-DD */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description 经办人姓名, masked */
                                agentNameMasked: string;
                                /** @description 经办人类型: 境内客户 | 境外客户 */
                                agentType: "domestic" | "overseas";
                                /** @description whether 取消预约 is still allowed */
                                cancellable: boolean;
                                cancellableUntil: string;
                                category: string;
                                /** @description 业务类别 */
                                categoryName: string;
                                categoryNameEn: string;
                                /** @description 预约码 */
                                code: string;
                                createdAt: string;
                                /** @description 预约日期 */
                                day: string;
                                /** @description 经办人单位 */
                                employer: string;
                                hallName: string;
                                id: string;
                                /** @description 证件号码, masked */
                                idNumberMasked: string;
                                idType: string;
                                /** @description 业务笔数 */
                                items: number;
                                periodEnds: string;
                                periodStarts: string;
                                region: string;
                                status: "booked" | "checked_in" | "cancelled" | "hall_cancelled" | "no_show" | "served";
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** 确认 / 提交: book an appointment; answers the 预约码 and, for the mobile hall, the QR payload carrying it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 经办人姓名 */
                        agentName: string;
                        /** @description 经办人类型: 境内客户 | 境外客户 */
                        agentType: "domestic" | "overseas";
                        /** @description 业务类别 code */
                        category: string;
                        /**
                         * Format: date
                         * @description a calendar day, YYYY-MM-DD
                         */
                        day: string;
                        /** @description 经办人单位 */
                        employer: string;
                        /** @description 证件号码 */
                        idNumber: string;
                        /** @description the agent’s document: 境内客户 resident_id (default); 境外客户 passport (default) or a permit */
                        idType?: "resident_id" | "passport" | "travel_permit_hk_macao" | "travel_permit_taiwan" | "residence_permit_hmt" | "foreign_permanent_residence";
                        /** @description 业务笔数 */
                        items: number;
                        /** @description HH:MM, Beijing time */
                        period: string;
                        /** @description 办理地区: 北京 | 上海 | 深圳 */
                        region: "beijing" | "shanghai" | "shenzhen";
                        /** @description 《中国结算业务预约规则》 read and accepted */
                        rulesAccepted: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description 经办人姓名, masked */
                            agentNameMasked: string;
                            /** @description 经办人类型: 境内客户 | 境外客户 */
                            agentType: "domestic" | "overseas";
                            /** @description whether 取消预约 is still allowed */
                            cancellable: boolean;
                            cancellableUntil: string;
                            category: string;
                            /** @description 业务类别 */
                            categoryName: string;
                            categoryNameEn: string;
                            /** @description 预约码 */
                            code: string;
                            createdAt: string;
                            /** @description 预约日期 */
                            day: string;
                            /** @description 经办人单位 */
                            employer: string;
                            hallName: string;
                            id: string;
                            /** @description 证件号码, masked */
                            idNumberMasked: string;
                            idType: string;
                            /** @description 业务笔数 */
                            items: number;
                            periodEnds: string;
                            periodStarts: string;
                            /** @description what the QR code carries */
                            qrPayload: string;
                            region: string;
                            status: "booked" | "checked_in" | "cancelled" | "hall_cancelled" | "no_show" | "served";
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/appointments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 取消预约: while the cut-off allows; the place is freed at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description 经办人姓名, masked */
                            agentNameMasked: string;
                            /** @description 经办人类型: 境内客户 | 境外客户 */
                            agentType: "domestic" | "overseas";
                            /** @description whether 取消预约 is still allowed */
                            cancellable: boolean;
                            cancellableUntil: string;
                            category: string;
                            /** @description 业务类别 */
                            categoryName: string;
                            categoryNameEn: string;
                            /** @description 预约码 */
                            code: string;
                            createdAt: string;
                            /** @description 预约日期 */
                            day: string;
                            /** @description 经办人单位 */
                            employer: string;
                            hallName: string;
                            id: string;
                            /** @description 证件号码, masked */
                            idNumberMasked: string;
                            idType: string;
                            /** @description 业务笔数 */
                            items: number;
                            periodEnds: string;
                            periodStarts: string;
                            region: string;
                            status: "booked" | "checked_in" | "cancelled" | "hall_cancelled" | "no_show" | "served";
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/appointments/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 提交申请 → 预约信息确认: every check of the booking and the places left, without booking; the form as the confirmation page shows it, masked */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 经办人姓名 */
                        agentName: string;
                        /** @description 经办人类型: 境内客户 | 境外客户 */
                        agentType: "domestic" | "overseas";
                        /** @description 业务类别 code */
                        category: string;
                        /**
                         * Format: date
                         * @description a calendar day, YYYY-MM-DD
                         */
                        day: string;
                        /** @description 经办人单位 */
                        employer: string;
                        /** @description 证件号码 */
                        idNumber: string;
                        /** @description the agent’s document: 境内客户 resident_id (default); 境外客户 passport (default) or a permit */
                        idType?: "resident_id" | "passport" | "travel_permit_hk_macao" | "travel_permit_taiwan" | "residence_permit_hmt" | "foreign_permanent_residence";
                        /** @description 业务笔数 */
                        items: number;
                        /** @description HH:MM, Beijing time */
                        period: string;
                        /** @description 办理地区: 北京 | 上海 | 深圳 */
                        region: "beijing" | "shanghai" | "shenzhen";
                        /** @description 《中国结算业务预约规则》 read and accepted */
                        rulesAccepted: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description 经办人姓名, masked */
                            agentNameMasked: string;
                            /** @description 经办人类型: 境内客户 | 境外客户 */
                            agentType: "domestic" | "overseas";
                            category: string;
                            /** @description 业务类别 */
                            categoryName: string;
                            categoryNameEn: string;
                            /** @description 预约日期 */
                            day: string;
                            /** @description 经办人单位 */
                            employer: string;
                            hallName: string;
                            /** @description 证件号码, masked */
                            idNumberMasked: string;
                            idType: string;
                            /** @description 业务笔数 */
                            items: number;
                            /** @description places left in the period */
                            left: number;
                            periodEnds: string;
                            periodStarts: string;
                            region: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/authorisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 授权管理: authorisations on your accounts, by 业务权单号 or by account, business, status and validity range */
        get: {
            parameters: {
                query?: {
                    /** @description opaque reference of one of your securities accounts (`ref` of the account choices) */
                    account?: string;
                    business?: "online_voting" | "securities_query" | "proxy_agency" | "certificate_request" | "meeting_attendance";
                    /** @description a calendar day, YYYY-MM-DD */
                    from?: string;
                    number?: string;
                    page?: string;
                    pageSize?: string;
                    status?: "active" | "expired" | "revoked";
                    /** @description a calendar day, YYYY-MM-DD */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description the securities account number, masked */
                                accountMasked: string;
                                /** @description opaque reference of the account, for requests */
                                accountRef: string;
                                authorisationNumber: string;
                                authorisedParty: string;
                                business: string;
                                revokedOn: string | null;
                                status: string;
                                validFrom: string;
                                validTo: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/binding/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Direct binding, last step: bind with a passed verification (spent once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        verificationId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            boundAt: string;
                            method: string;
                            unifiedAccountNumber: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/binding/direct": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Direct binding, step 1: user type and the three elements (and a securities account number when you hold several unified accounts); starts the verification */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        idNumber: string;
                        idType: string;
                        name: string;
                        securitiesAccountNumber?: string;
                        userType: "person" | "institution";
                    };
                };
            };
            responses: {
                /** @description An identity verification as the investor sees it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                [key: string]: string;
                            };
                            expiresAt: string;
                            id: string;
                            method: string | null;
                            /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                            methods: string[];
                            purpose: string;
                            remainingAttempts: number;
                            resultExpiresAt: string | null;
                            /** @description open | pending | passed | failed | abandoned | consumed | expired */
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/binding/quick": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 快捷绑定一码通: your verified details shown back, and your unified accounts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            idNumberMasked: string;
                            idType: string;
                            name: string;
                            unifiedAccounts: {
                                bound: boolean;
                                number: string;
                                openedOn: string;
                                status: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** 快捷绑定一码通: bind (choose the unified account when you hold several) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        unifiedAccountNumber?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            boundAt: string;
                            method: string;
                            unifiedAccountNumber: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/binding/verifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 绑定信息确认: what a passed binding verification will bind */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            idNumberMasked: string;
                            idType: string;
                            method: string;
                            name: string;
                            unifiedAccountNumber: string;
                            userType: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/case-notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What happened to your applications, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                caseId: string;
                                caseType: string;
                                comment: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                fields: string[] | null;
                                id: string;
                                /** Format: date-time */
                                readAt: string | null;
                                state: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/case-notices/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Marks one of your notices read */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your applications under review, newest last */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                applicant: {
                                    id: string;
                                    kind: string;
                                };
                                assignedToMe: boolean;
                                assigneeId: string | null;
                                /** Format: date-time */
                                closedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                dueAt: string | null;
                                id: string;
                                overdue: boolean;
                                reopenedFields: string[];
                                state: string;
                                subjectLabel: string;
                                subjectRef: string;
                                type: string;
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/cases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your applications: its state, what was sent back and what you may do */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: string[];
                            case: {
                                applicant: {
                                    id: string;
                                    kind: string;
                                };
                                assignedToMe: boolean;
                                assigneeId: string | null;
                                attachments: {
                                    contentType: string;
                                    field?: string;
                                    fileKey: string;
                                    filename: string;
                                }[];
                                /** Format: date-time */
                                closedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                dueAt: string | null;
                                id: string;
                                overdue: boolean;
                                reopenedFields: string[];
                                state: string;
                                subjectLabel: string;
                                subjectRef: string;
                                type: string;
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                            };
                            fields: string[];
                            history: {
                                action: string;
                                actorId: string;
                                actorKind: string;
                                /** Format: date-time */
                                at: string;
                                comment: string | null;
                                fields: string[] | null;
                                fromState: string | null;
                                toState: string | null;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/cases/{id}/resubmit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 补正后重新提交: changes only the fields sent back for correction */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        attachments?: {
                            contentType: string;
                            field?: string;
                            fileKey: string;
                            filename: string;
                        }[];
                        changes: {
                            [key: string]: unknown;
                        };
                        /** @description the version of the case the user saw; a newer case refuses the action (409) */
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: string[];
                            case: {
                                applicant: {
                                    id: string;
                                    kind: string;
                                };
                                assignedToMe: boolean;
                                assigneeId: string | null;
                                attachments: {
                                    contentType: string;
                                    field?: string;
                                    fileKey: string;
                                    filename: string;
                                }[];
                                /** Format: date-time */
                                closedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                dueAt: string | null;
                                id: string;
                                overdue: boolean;
                                reopenedFields: string[];
                                state: string;
                                subjectLabel: string;
                                subjectRef: string;
                                type: string;
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                            };
                            fields: string[];
                            history: {
                                action: string;
                                actorId: string;
                                actorKind: string;
                                /** Format: date-time */
                                at: string;
                                comment: string | null;
                                fields: string[] | null;
                                fromState: string | null;
                                toState: string | null;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/cases/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 撤回申请 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        /** @description the version of the case the user saw; a newer case refuses the action (409) */
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: string[];
                            case: {
                                applicant: {
                                    id: string;
                                    kind: string;
                                };
                                assignedToMe: boolean;
                                assigneeId: string | null;
                                attachments: {
                                    contentType: string;
                                    field?: string;
                                    fileKey: string;
                                    filename: string;
                                }[];
                                /** Format: date-time */
                                closedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                dueAt: string | null;
                                id: string;
                                overdue: boolean;
                                reopenedFields: string[];
                                state: string;
                                subjectLabel: string;
                                subjectRef: string;
                                type: string;
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                            };
                            fields: string[];
                            history: {
                                action: string;
                                actorId: string;
                                actorKind: string;
                                /** Format: date-time */
                                at: string;
                                comment: string | null;
                                fields: string[] | null;
                                fromState: string | null;
                                toState: string | null;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 发送凭证至邮箱: requests an e-certificate of one of your accounts (needs a passed step-up check) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description opaque reference of one of your securities accounts (`ref` of the account choices) */
                        accountRef: string;
                        /** @description a day, YYYY-MM-DD */
                        date: string;
                        email: string;
                        kind: "holding_balance" | "freezes";
                        /** @description 交易市场 */
                        market?: "SH" | "SZ" | "BJ";
                        securityClass?: "A" | "B";
                        securityCode?: string;
                    } | {
                        /** @description opaque reference of one of your securities accounts (`ref` of the account choices) */
                        accountRef: string;
                        email: string;
                        /** @description a day, YYYY-MM-DD */
                        from: string;
                        /** @enum {string} */
                        kind: "holding_changes";
                        /** @description 交易市场 */
                        market?: "SH" | "SZ" | "BJ";
                        securityClass?: "A" | "B";
                        securityCode?: string;
                        /** @description a day, YYYY-MM-DD */
                        to: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            certificateId: string;
                            emailMasked: string;
                            error?: string;
                            issuedAt?: string;
                            kind: "holding_balance" | "holding_changes" | "freezes" | "never_opened";
                            requestedAt: string;
                            status: "queued" | "issued" | "failed";
                            verificationCode: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/certificates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your certificate requests: its verification code and whether the PDF is issued */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            certificateId: string;
                            emailMasked: string;
                            error?: string;
                            issuedAt?: string;
                            kind: "holding_balance" | "holding_changes" | "freezes" | "never_opened";
                            requestedAt: string;
                            status: "queued" | "issued" | "failed";
                            verificationCode: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/certificates/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 获取电子凭证: the securities accounts of your bound unified accounts (not those added for the session) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description bound: under a unified account you bound; temporary: added for this session (添加证券账户); unbound: neither */
                                binding: "bound" | "temporary" | "unbound";
                                kind: string;
                                market: string;
                                /** @description the number, masked (in full only in 我的一码通 after the step-up check) */
                                numberMasked: string;
                                /** @description opaque reference: what requests send as the account */
                                ref: string;
                                status: string;
                                unifiedAccountMasked: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/deregistration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deregistration (注销用户): 提交注销申请 and 同意并继续; then a verification, then confirm */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agreed: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            flowId: string;
                            /** @description An identity verification as the investor sees it */
                            verification: {
                                details: {
                                    [key: string]: string;
                                };
                                expiresAt: string;
                                id: string;
                                method: string | null;
                                /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                                methods: string[];
                                purpose: string;
                                remainingAttempts: number;
                                resultExpiresAt: string | null;
                                /** @description open | pending | passed | failed | abandoned | consumed | expired */
                                status: string;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/deregistration/{flowId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deregistration, final step: consumes the verification passed for it; signs out everywhere */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flowId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        verificationId: string;
                    };
                };
            };
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/dividend-tax": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 股息红利个人所得税: your dividend income tax records by settlement date of the sale */
        get: {
            parameters: {
                query?: {
                    /** @description opaque reference of one of your securities accounts (`ref` of the account choices) */
                    account?: string;
                    /** @description a calendar day, YYYY-MM-DD */
                    from?: string;
                    page?: string;
                    pageSize?: string;
                    /** @description a calendar day, YYYY-MM-DD */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description the securities account number, masked */
                                accountMasked: string;
                                /** @description opaque reference of the account, for requests */
                                accountRef: string;
                                acquiredOn: string;
                                band: string;
                                code: string;
                                /** @description an exact decimal, as a string */
                                dividendAmount: string;
                                /** @description an exact decimal, as a string */
                                dividendPerShare: string;
                                id: string;
                                market: string;
                                name: string;
                                /** @description an exact decimal, as a string */
                                quantity: string;
                                recordOn: string;
                                soldOn: string;
                                /** @description an exact decimal, as a string */
                                taxableAmount: string;
                                /** @description an exact decimal, as a string */
                                taxAmount: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/event-queries/filters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the query filters offer: your securities accounts (bound, or added for this session) and the authorised businesses */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accounts: {
                                /** @description bound: under a unified account you bound; temporary: added for this session (添加证券账户); unbound: neither */
                                binding: "bound" | "temporary" | "unbound";
                                kind: string;
                                market: string;
                                /** @description the number, masked (in full only in 我的一码通 after the step-up check) */
                                numberMasked: string;
                                /** @description opaque reference: what requests send as the account */
                                ref: string;
                                status: string;
                                unifiedAccountMasked: string;
                            }[];
                            businesses: string[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/identity-recovery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 通过身份信息找回, 下一步: 姓名, 证件类型, 证件号码 and the graphic captcha; starts the UnionPay verification (owned by the flow) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        captchaAnswer: string;
                        /** Format: uuid */
                        captchaId: string;
                        idNumber: string;
                        idType: "resident_id" | "residence_permit_hmt" | "travel_permit_hk_macao" | "travel_permit_taiwan" | "passport" | "foreign_permanent_residence" | "unified_social_credit_code";
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            flowToken: string;
                            /** @description An identity verification as the investor sees it */
                            verification: {
                                details: {
                                    [key: string]: string;
                                };
                                expiresAt: string;
                                id: string;
                                method: string | null;
                                /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                                methods: string[];
                                purpose: string;
                                remainingAttempts: number;
                                resultExpiresAt: string | null;
                                /** @description open | pending | passed | failed | abandoned | consumed | expired */
                                status: string;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/identity-recovery/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** After UnionPay: the person’s hall users (spends the flow’s verification on the first call); none → IDREC_NOT_REGISTERED */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        flowToken: string;
                        /** Format: uuid */
                        verificationId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description 用户名, masked */
                                account: string;
                                id: string;
                                registeredAt: string;
                                /** @description 已关联证券账户 (bound users), masked */
                                securitiesAccounts: string[];
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/identity-recovery/choice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Choose one of the listed users; starts its own phone (default) or e-mail code verification */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        flowToken: string;
                        /** Format: uuid */
                        investorUserId: string;
                    };
                };
            };
            responses: {
                /** @description An identity verification as the investor sees it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                [key: string]: string;
                            };
                            expiresAt: string;
                            id: string;
                            method: string | null;
                            /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                            methods: string[];
                            purpose: string;
                            remainingAttempts: number;
                            resultExpiresAt: string | null;
                            /** @description open | pending | passed | failed | abandoned | consumed | expired */
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/identity-recovery/deregistration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 申请注销 (§二.5.2, 确认并申请): deregisters the listed user chosen */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        flowToken: string;
                        /** Format: uuid */
                        investorUserId: string;
                    };
                };
            };
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/identity-recovery/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 设置密码: the chosen user’s new password (its own code verification passed); sessions end, the sign-in throttle is cleared */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        flowToken: string;
                        newPassword: string;
                        /** Format: uuid */
                        verificationId: string;
                    };
                };
            };
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/ipo-allotments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 新股配号中签情况: your subscriptions with their numbers, winning numbers and payment, by subscription date */
        get: {
            parameters: {
                query?: {
                    /** @description opaque reference of one of your securities accounts (`ref` of the account choices) */
                    account?: string;
                    /** @description a calendar day, YYYY-MM-DD */
                    from?: string;
                    page?: string;
                    pageSize?: string;
                    /** @description a calendar day, YYYY-MM-DD */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description the securities account number, masked */
                                accountMasked: string;
                                /** @description opaque reference of the account, for requests */
                                accountRef: string;
                                board: string;
                                drawn: boolean;
                                /** @description a whole number of shares, as a decimal string */
                                firstNumber: string | null;
                                id: string;
                                invalidReason: ("DUPLICATE_INVESTOR" | "DUPLICATE_ACCOUNT" | "ABOVE_QUOTA") | (never | null);
                                /** @description an exact decimal, as a string */
                                issuePrice: string;
                                /** @description a whole number of shares, as a decimal string */
                                lastNumber: string | null;
                                market: string;
                                /** @description a whole number of shares, as a decimal string */
                                numberCount: string;
                                payment: {
                                    /** @description a whole number of shares, as a decimal string */
                                    paidQuantity: string;
                                    reportedOn: string;
                                    result: string;
                                } | null;
                                productType: string;
                                /** @description a whole number of shares, as a decimal string */
                                quota: string | null;
                                securityCode: string;
                                securityName: string;
                                /** @description a whole number of shares, as a decimal string */
                                subscribedQuantity: string;
                                subscriptionDate: string;
                                /** @description false: an invalid subscription (无效申购), no allotment numbers */
                                valid: boolean;
                                /** @description a whole number of shares, as a decimal string */
                                winningCount: string | null;
                                winningNumbers: string[];
                                winningNumbersTruncated: boolean;
                                /** @description a whole number of shares, as a decimal string */
                                winningQuantity: string | null;
                                winningTails: string[];
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with mobile number, e-mail or user name, password and graphic captcha (登录) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        account: string;
                        captchaAnswer: string;
                        /** Format: uuid */
                        captchaId: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description a signed-in investor */
                            principal: {
                                emailMasked: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "investor";
                                mobileMasked: string | null;
                                realNameVerified: boolean;
                                /** @description ISO time the step-up check (二次认证) holds until, when it holds */
                                stepUpValidUntil: string | null;
                                username: string | null;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/never-opened-proof": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 未曾开立证券账户证明: whether you may obtain it now, and if not the message the manual shows */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code?: string;
                            details?: {
                                [key: string]: string;
                            };
                            eligible: boolean;
                            emailMasked?: string;
                            subject?: {
                                idNumberMasked: string;
                                idType: string;
                                name: string;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** 开具证明: requests the proof for your verified identity (needs a passed step-up check; another address than your own needs its e-mail code) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email?: string;
                        emailCode?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            certificateId: string;
                            emailMasked: string;
                            error?: string;
                            issuedAt?: string;
                            kind: "holding_balance" | "holding_changes" | "freezes" | "never_opened";
                            requestedAt: string;
                            status: "queued" | "issued" | "failed";
                            verificationCode: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/never-opened-proof/email-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 获取未曾开立证券账户证明: a code to the e-mail address you typed, to confirm it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            destinationMasked: string;
                            expiresInSeconds: number;
                            resendAfterSeconds: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the login password (用户中心 → 登录密码); ends every other session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        newPassword: string;
                        oldPassword: string;
                    };
                };
            };
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/password-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The password policy, stated on every page that sets a password */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            forbidSpaces: boolean;
                            maxLength: number;
                            minLength: number;
                            requireDigit: boolean;
                            requireLetter: boolean;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/profile/email/change": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the e-mail (电子邮箱), step 1 (下一步): the new value and its code; then a verification, then confirm */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        /** @description a mobile number or an e-mail address */
                        value: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            flowId: string;
                            newValueMasked: string;
                            /** @description An identity verification as the investor sees it */
                            verification: {
                                details: {
                                    [key: string]: string;
                                };
                                expiresAt: string;
                                id: string;
                                method: string | null;
                                /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                                methods: string[];
                                purpose: string;
                                remainingAttempts: number;
                                resultExpiresAt: string | null;
                                /** @description open | pending | passed | failed | abandoned | consumed | expired */
                                status: string;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/profile/email/change/{flowId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An open change of the e-mail (电子邮箱) and its current verification */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flowId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            newValueMasked: string;
                            /** Format: uuid */
                            verificationId: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/profile/email/change/{flowId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the e-mail (电子邮箱), final step (确认): consumes the verification passed for this change */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flowId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        verificationId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            masked: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/profile/email/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a code to the new e-mail (电子邮箱) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description a mobile number or an e-mail address */
                        value: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresInSeconds: number;
                            resendAfterSeconds: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/profile/email/supplement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Supplement a missing e-mail (电子邮箱) with its code (确定), no further verification */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        /** @description a mobile number or an e-mail address */
                        value: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            masked: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/profile/mobile/change": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the mobile number (手机号码), step 1 (下一步): the new value and its code; then a verification, then confirm */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        /** @description a mobile number or an e-mail address */
                        value: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            flowId: string;
                            newValueMasked: string;
                            /** @description An identity verification as the investor sees it */
                            verification: {
                                details: {
                                    [key: string]: string;
                                };
                                expiresAt: string;
                                id: string;
                                method: string | null;
                                /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                                methods: string[];
                                purpose: string;
                                remainingAttempts: number;
                                resultExpiresAt: string | null;
                                /** @description open | pending | passed | failed | abandoned | consumed | expired */
                                status: string;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/profile/mobile/change/{flowId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An open change of the mobile number (手机号码) and its current verification */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flowId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            newValueMasked: string;
                            /** Format: uuid */
                            verificationId: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/profile/mobile/change/{flowId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the mobile number (手机号码), final step (确认): consumes the verification passed for this change */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    flowId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        verificationId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            masked: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/profile/mobile/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a code to the new mobile number (手机号码) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description a mobile number or an e-mail address */
                        value: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresInSeconds: number;
                            resendAfterSeconds: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/profile/mobile/supplement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Supplement a missing mobile number (手机号码) with its code (确定), no further verification */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        /** @description a mobile number or an e-mail address */
                        value: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            masked: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/profile/notification-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Notification settings (通知设置) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channel: "sms" | "email";
                            hasEmail: boolean;
                            hasMobile: boolean;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Set the notification channel; needs the step-up check (二次认证) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channel: "sms" | "email";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channel: "sms" | "email";
                            hasEmail: boolean;
                            hasMobile: boolean;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/queries/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The securities accounts the queries accept (bound, or added for this session), masked until the step-up check, with their markets: the 证券账户 and 交易市场 choices */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description bound: under a unified account you bound; temporary: added for this session (添加证券账户); unbound: neither */
                                binding: "bound" | "temporary" | "unbound";
                                kind: string;
                                market: string;
                                /** @description the number, masked (in full only in 我的一码通 after the step-up check) */
                                numberMasked: string;
                                /** @description opaque reference: what requests send as the account */
                                ref: string;
                                status: string;
                                unifiedAccountMasked: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/queries/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 证券持有变更: changes of an account in a period (at most one year), oldest first */
        get: {
            parameters: {
                query: {
                    /** @description opaque reference of one of your securities accounts (`ref` of the account choices) */
                    account: string;
                    /** @description a day, YYYY-MM-DD */
                    from: string;
                    /** @description 交易市场 */
                    market: "SH" | "SZ" | "BJ";
                    page?: string;
                    pageSize?: string;
                    /** @description 证券类别: A股 | B股 */
                    securityClass: "A" | "B";
                    securityCode?: string;
                    /** @description a day, YYYY-MM-DD */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description a whole number of shares, as a decimal string */
                                balanceAfter: string;
                                businessType: string;
                                businessTypeEn: string;
                                businessTypeZh: string;
                                category: string;
                                code: string;
                                date: string;
                                id: string;
                                name: string;
                                /** @description a whole number of shares, as a decimal string */
                                quantity: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/queries/freezes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 证券冻结情况: freezes in force and waiting (轮候冻结) on an account at the end of a date */
        get: {
            parameters: {
                query: {
                    /** @description opaque reference of one of your securities accounts (`ref` of the account choices) */
                    account: string;
                    /** @description a day, YYYY-MM-DD */
                    date: string;
                    /** @description 交易市场 */
                    market: "SH" | "SZ" | "BJ";
                    page?: string;
                    pageSize?: string;
                    /** @description 证券类别: A股 | B股 */
                    securityClass: "A" | "B";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                authority: string;
                                caseNumber: string;
                                code: string;
                                endOn: string | null;
                                /** @description a whole number of shares, as a decimal string */
                                frozenQuantity: string;
                                id: string;
                                kind: string;
                                name: string;
                                /** @description a whole number of shares, as a decimal string */
                                quantity: string;
                                queueNo: number | null;
                                startOn: string | null;
                                state: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/queries/holding-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The balance held of one security in one account over a period: the day before it, then each day with a change (for the chart) */
        get: {
            parameters: {
                query: {
                    /** @description opaque reference of one of your securities accounts (`ref` of the account choices) */
                    account: string;
                    /** @description a day, YYYY-MM-DD */
                    from: string;
                    /** @description 交易市场 */
                    market: "SH" | "SZ" | "BJ";
                    /** @description 证券类别: A股 | B股 */
                    securityClass: "A" | "B";
                    securityCode: string;
                    /** @description a day, YYYY-MM-DD */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            name: string;
                            points: {
                                /** @description a whole number of shares, as a decimal string */
                                balance: string;
                                date: string;
                            }[];
                            truncated: boolean;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/queries/holdings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 证券持有余额: holdings of an account at the end of a date, by category */
        get: {
            parameters: {
                query: {
                    /** @description opaque reference of one of your securities accounts (`ref` of the account choices) */
                    account: string;
                    /** @description a day, YYYY-MM-DD */
                    date: string;
                    /** @description 交易市场 */
                    market: "SH" | "SZ" | "BJ";
                    page?: string;
                    pageSize?: string;
                    /** @description 证券类别: A股 | B股 */
                    securityClass: "A" | "B";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                code: string;
                                /** @description a whole number of shares, as a decimal string */
                                frozen: string;
                                market: string;
                                name: string;
                                /** @description a whole number of shares, as a decimal string */
                                pledged: string;
                                /** @description a whole number of shares, as a decimal string */
                                restricted: string;
                                /** @description a whole number of shares, as a decimal string */
                                total: string;
                                /** @description a whole number of shares, as a decimal string */
                                tradable: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/queries/temporary-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 添加证券账户: add a securities account of yours under a unified account you have not bound, for this session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the 证券账户 number you typed */
                        accountNumber: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the securities account number, masked */
                            accountMasked: string;
                            /** @description opaque reference of the account, for requests */
                            accountRef: string;
                            /** @enum {string} */
                            binding: "temporary";
                            unifiedAccountMasked: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/queries/unified-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 我的一码通: your unified accounts and securities accounts with their binding status; numbers in full only after the step-up check (显示完整证券账户) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            fullNumbers: boolean;
                            items: {
                                bound: boolean;
                                boundAt: string | null;
                                securitiesAccounts: {
                                    /** @description bound: under a unified account you bound; temporary: added for this session (添加证券账户); unbound: neither */
                                    binding: "bound" | "temporary" | "unbound";
                                    kind: string;
                                    market: string;
                                    number: string;
                                    openedOn: string;
                                    openingAgent: string;
                                    status: string;
                                }[];
                                status: string;
                                unifiedAccountNumber: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/real-name": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Complete real-name verification with a passed UnionPay verification */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        verificationId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            idNumberMasked: string;
                            idType: string;
                            name: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/real-name/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 去实名: start real-name verification (UnionPay) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description An identity verification as the investor sees it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                [key: string]: string;
                            };
                            expiresAt: string;
                            id: string;
                            method: string | null;
                            /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                            methods: string[];
                            purpose: string;
                            remainingAttempts: number;
                            resultExpiresAt: string | null;
                            /** @description open | pending | passed | failed | abandoned | consumed | expired */
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/recovery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Password recovery (找回密码), step 1: the account’s mobile number or e-mail and the graphic captcha */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        account: string;
                        captchaAnswer: string;
                        /** Format: uuid */
                        captchaId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            flowToken: string;
                            /** @description real-name verified: the identity details come next */
                            identityRequired: boolean;
                            /** @description An identity verification as the investor sees it */
                            verification: {
                                details: {
                                    [key: string]: string;
                                };
                                expiresAt: string;
                                id: string;
                                method: string | null;
                                /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                                methods: string[];
                                purpose: string;
                                remainingAttempts: number;
                                resultExpiresAt: string | null;
                                /** @description open | pending | passed | failed | abandoned | consumed | expired */
                                status: string;
                            } | null;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/recovery/deregistration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Password recovery → 申请注销 (确认并申请): consumes the verification passed for it in this recovery */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        flowToken: string;
                        /** Format: uuid */
                        verificationId: string;
                    };
                };
            };
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/recovery/deregistration/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Password recovery → 申请注销 (mobile §二.5): starts the verification for it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        flowToken: string;
                    };
                };
            };
            responses: {
                /** @description An identity verification as the investor sees it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                [key: string]: string;
                            };
                            expiresAt: string;
                            id: string;
                            method: string | null;
                            /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                            methods: string[];
                            purpose: string;
                            remainingAttempts: number;
                            resultExpiresAt: string | null;
                            /** @description open | pending | passed | failed | abandoned | consumed | expired */
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/recovery/identity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Password recovery of a real-name verified user (提交): 用户类型, 姓名/名称, 证件类型, 证件号码 and the graphic captcha; starts the verification */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        captchaAnswer: string;
                        /** Format: uuid */
                        captchaId: string;
                        flowToken: string;
                        idNumber: string;
                        idType: "resident_id" | "residence_permit_hmt" | "travel_permit_hk_macao" | "travel_permit_taiwan" | "passport" | "foreign_permanent_residence" | "unified_social_credit_code";
                        name: string;
                        userType: "person" | "institution";
                    };
                };
            };
            responses: {
                /** @description An identity verification as the investor sees it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                [key: string]: string;
                            };
                            expiresAt: string;
                            id: string;
                            method: string | null;
                            /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                            methods: string[];
                            purpose: string;
                            remainingAttempts: number;
                            resultExpiresAt: string | null;
                            /** @description open | pending | passed | failed | abandoned | consumed | expired */
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/recovery/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Password recovery, step 3 (完成): the new password; every session ends, the sign-in throttle is cleared — or, asked withConfirmation, a bound user’s password waits for 找回密码信息确认 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        flowToken: string;
                        newPassword: string;
                        /** Format: uuid */
                        verificationId: string;
                        /** @description the desktop hall (§一.3.3 (5)): a bound user confirms the recovery information first */
                        withConfirmation?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            confirmation: {
                                /** @description 用户名, else the mobile number or e-mail, masked */
                                account: string;
                                /** @description the verification method passed */
                                method: string;
                                /** @description 姓名/名称 of the holder */
                                name: string;
                                /** @description 一码通账户, masked */
                                unifiedAccounts: string[];
                            } | null;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/recovery/password/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 找回密码信息确认, 确认 (§一.3.3 (5)): the password kept at 完成 takes effect; every session ends, the sign-in throttle is cleared */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        flowToken: string;
                        /** Format: uuid */
                        verificationId: string;
                    };
                };
            };
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register with mobile number, password and SMS code (注册) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agreementsAccepted: boolean;
                        /** @description mainland mobile number, 11 digits, optional +86 */
                        mobile: string;
                        password: string;
                        smsCode: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description a signed-in investor */
                            principal: {
                                emailMasked: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "investor";
                                mobileMasked: string | null;
                                realNameVerified: boolean;
                                /** @description ISO time the step-up check (二次认证) holds until, when it holds */
                                stepUpValidUntil: string | null;
                                username: string | null;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/register/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the registration SMS code (获取验证码) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description mainland mobile number, 11 digits, optional +86 */
                        mobile: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresInSeconds: number;
                            resendAfterSeconds: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/risk-disclosures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 风险揭示书签署日期: your risk-disclosure signings by account and board */
        get: {
            parameters: {
                query?: {
                    /** @description opaque reference of one of your securities accounts (`ref` of the account choices) */
                    account?: string;
                    page?: string;
                    pageSize?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description the securities account number, masked */
                                accountMasked: string;
                                /** @description opaque reference of the account, for requests */
                                accountRef: string;
                                broker: string;
                                disclosureType: string;
                                signedOn: string;
                                typeNameEn: string;
                                typeNameZh: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/standing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether you are verified (实名) and which unified accounts you have bound */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bound: boolean;
                            boundUnifiedAccounts: {
                                boundAt: string;
                                method: string;
                                unifiedAccountNumber: string;
                            }[];
                            verified: boolean;
                            verifiedIdentity?: {
                                idNumberMasked: string;
                                idType: string;
                                name: string;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/username-recovery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 忘记用户名, 提交: 姓名, 证件号码 and the graphic captcha; starts the UnionPay verification */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        captchaAnswer: string;
                        /** Format: uuid */
                        captchaId: string;
                        idNumber: string;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            flowToken: string;
                            /** @description An identity verification as the investor sees it */
                            verification: {
                                details: {
                                    [key: string]: string;
                                };
                                expiresAt: string;
                                id: string;
                                method: string | null;
                                /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                                methods: string[];
                                purpose: string;
                                remainingAttempts: number;
                                resultExpiresAt: string | null;
                                /** @description open | pending | passed | failed | abandoned | consumed | expired */
                                status: string;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor/username-recovery/result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 忘记用户名, 下一步: spends the passed UnionPay verification and returns the person’s user names */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        flowToken: string;
                        /** Format: uuid */
                        verificationId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            usernames: string[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/lines/{line}/board": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The hall display: each open counter and the number it is calling, and how many wait per business category */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the line's key: a hall's region (beijing | shanghai | shenzhen) */
                    line: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counters: {
                                calledAt: string | null;
                                counter: string;
                                number: string | null;
                            }[];
                            name: string;
                            waiting: {
                                category: string;
                                categoryName: string;
                                waiting: number;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/lines/{line}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 排号进度查询: region and queue code → queue number, business category and how many are waiting before you */
        get: {
            parameters: {
                query: {
                    /** @description 排队码: the six-digit queue code on the ticket */
                    code: string;
                };
                header?: never;
                path: {
                    /** @description the line's key: a hall's region (beijing | shanghai | shenzhen) */
                    line: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            category: string;
                            /** @description 业务类型 */
                            categoryName: string;
                            categoryNameEn: string;
                            /** @description the counter that called it */
                            counter: string | null;
                            /** @description 排队号 */
                            number: string;
                            status: "waiting" | "called" | "served" | "absent";
                            /** @description 目前等待人数: waiting before this ticket in its category */
                            waitingBefore: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/queue/lines/{line}/progress/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 排号进度查询, live: a text/event-stream of `progress` events (the same fields), one now and one after each change that alters it */
        get: {
            parameters: {
                query: {
                    /** @description 排队码: the six-digit queue code on the ticket */
                    code: string;
                };
                header?: never;
                path: {
                    /** @description the line's key: a hall's region (beijing | shanghai | shenzhen) */
                    line: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description server-sent events: `event: progress` with the ticket progress as JSON data */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in, and the CSRF token for unsafe requests */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            csrfToken: string;
                            principal: (never | null) | ({
                                emailMasked: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "investor";
                                mobileMasked: string | null;
                                realNameVerified: boolean;
                                /** @description ISO time the step-up check (二次认证) holds until, when it holds */
                                stepUpValidUntil: string | null;
                                username: string | null;
                            } | {
                                displayName: string;
                                id: string;
                                /** @enum {string} */
                                kind: "staff";
                                organisation: {
                                    code: string;
                                    id: string;
                                    kind: "depository" | "broker" | "futures";
                                    name: string;
                                };
                                permissions: string[];
                                roles: string[];
                                username: string;
                            });
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out (退出登录) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/appointments/halls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The halls with their schedules */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                address: string;
                                name: string;
                                notes: string;
                                region: string;
                                schedule: {
                                    categories: {
                                        /** @description places in particular periods, by start */
                                        capacities?: {
                                            [key: string]: number;
                                        };
                                        /** @description places per period */
                                        capacity: number;
                                        /** @description 业务类别 code */
                                        code: string;
                                        name: string;
                                        nameEn: string;
                                        /** @description the letter of its queue numbers */
                                        prefix: string;
                                    }[];
                                    /** @description ISO weekdays open: 1 Monday … 7 Sunday */
                                    openWeekdays: number[];
                                    periods: {
                                        /** @description HH:MM, Beijing time */
                                        ends: string;
                                        /** @description HH:MM, Beijing time */
                                        starts: string;
                                    }[];
                                };
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/appointments/halls/{region}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Edit a hall: name, address, 预约说明, opening weekdays, periods, categories and capacity; appointments the change cannot keep are released and their holders told */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description 办理地区: 北京 | 上海 | 深圳 */
                    region: "beijing" | "shanghai" | "shenzhen";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address: string;
                        name: string;
                        notes: string;
                        schedule: {
                            categories: {
                                /** @description places in particular periods, by start */
                                capacities?: {
                                    [key: string]: number;
                                };
                                /** @description places per period */
                                capacity: number;
                                /** @description 业务类别 code */
                                code: string;
                                name: string;
                                nameEn: string;
                                /** @description the letter of its queue numbers */
                                prefix: string;
                            }[];
                            /** @description ISO weekdays open: 1 Monday … 7 Sunday */
                            openWeekdays: number[];
                            periods: {
                                /** @description HH:MM, Beijing time */
                                ends: string;
                                /** @description HH:MM, Beijing time */
                                starts: string;
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            hall: {
                                address: string;
                                name: string;
                                notes: string;
                                region: string;
                                schedule: {
                                    categories: {
                                        /** @description places in particular periods, by start */
                                        capacities?: {
                                            [key: string]: number;
                                        };
                                        /** @description places per period */
                                        capacity: number;
                                        /** @description 业务类别 code */
                                        code: string;
                                        name: string;
                                        nameEn: string;
                                        /** @description the letter of its queue numbers */
                                        prefix: string;
                                    }[];
                                    /** @description ISO weekdays open: 1 Monday … 7 Sunday */
                                    openWeekdays: number[];
                                    periods: {
                                        /** @description HH:MM, Beijing time */
                                        ends: string;
                                        /** @description HH:MM, Beijing time */
                                        starts: string;
                                    }[];
                                };
                                updatedAt: string;
                            };
                            /** @description appointments released, their holders told */
                            released: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/appointments/halls/{region}/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A hall's appointments of a day, for its staff: the agent's name and ID number as the staff view shows them (in full) */
        get: {
            parameters: {
                query: {
                    /** @description a calendar day, YYYY-MM-DD */
                    day: string;
                };
                header?: never;
                path: {
                    /** @description 办理地区: 北京 | 上海 | 深圳 */
                    region: "beijing" | "shanghai" | "shenzhen";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description 经办人姓名, masked */
                                agentNameMasked: string;
                                /** @description 经办人类型: 境内客户 | 境外客户 */
                                agentType: "domestic" | "overseas";
                                /** @description whether 取消预约 is still allowed */
                                cancellable: boolean;
                                cancellableUntil: string;
                                category: string;
                                /** @description 业务类别 */
                                categoryName: string;
                                categoryNameEn: string;
                                /** @description 预约码 */
                                code: string;
                                createdAt: string;
                                /** @description 预约日期 */
                                day: string;
                                /** @description 经办人单位 */
                                employer: string;
                                hallName: string;
                                id: string;
                                /** @description 证件号码, masked */
                                idNumberMasked: string;
                                idType: string;
                                /** @description 业务笔数 */
                                items: number;
                                periodEnds: string;
                                periodStarts: string;
                                region: string;
                                status: "booked" | "checked_in" | "cancelled" | "hall_cancelled" | "no_show" | "served";
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/appointments/halls/{region}/closures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The hall calendar: days closed (holidays) from a day on */
        get: {
            parameters: {
                query: {
                    /** @description a calendar day, YYYY-MM-DD */
                    from: string;
                };
                header?: never;
                path: {
                    /** @description 办理地区: 北京 | 上海 | 深圳 */
                    region: "beijing" | "shanghai" | "shenzhen";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                day: string;
                                reason: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Close the hall on days (holidays); appointments on them are released and their holders told */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description 办理地区: 北京 | 上海 | 深圳 */
                    region: "beijing" | "shanghai" | "shenzhen";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        days: string[];
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            released: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/appointments/halls/{region}/closures/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open the hall again on days it was closed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description 办理地区: 北京 | 上海 | 深圳 */
                    region: "beijing" | "shanghai" | "shenzhen";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        days: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            reopened: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/audit/chain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Check the audit trail's hash chain end to end (as `clearhall audit verify`): intact, or the first broken link */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checkedAt: string;
                            /** @description entries checked */
                            entries: number;
                            firstBreak: {
                                id: string | null;
                                kind: "edited" | "relinked" | "deleted" | "truncated" | "unlinked";
                                message: string;
                                /** @description the entry at fault: the edited one, the first missing one */
                                seq: string;
                            } | null;
                            head: {
                                hash: string;
                                seq: string;
                            };
                            ok: boolean;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/audit/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The audit trail (审计日志), newest first; the filters are in the body, as an object id may be an account number */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        action?: string;
                        actorId?: string;
                        actorKind?: string;
                        /** Format: date-time */
                        from?: string;
                        objectId?: string;
                        objectType?: string;
                        page?: string;
                        pageSize?: string;
                        /** Format: date-time */
                        to?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actorId: string | null;
                                actorKind: string;
                                actorLabel: string | null;
                                at: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                ip: string | null;
                                objectId: string | null;
                                objectType: string | null;
                                requestId: string | null;
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/case-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case types whose tables name one of your roles */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                actions: string[];
                                fields: string[];
                                name: string;
                                states: string[];
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The review queue: open cases of your types, oldest first, by type, state, assignee and age */
        get: {
            parameters: {
                query?: {
                    assignee?: "me" | "none" | string;
                    includeClosed?: "true";
                    olderThanDays?: string;
                    overdue?: "true";
                    page?: string;
                    pageSize?: string;
                    state?: string;
                    type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                applicant: {
                                    id: string;
                                    kind: string;
                                };
                                assignedToMe: boolean;
                                assigneeId: string | null;
                                /** Format: date-time */
                                closedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                dueAt: string | null;
                                id: string;
                                overdue: boolean;
                                reopenedFields: string[];
                                state: string;
                                subjectLabel: string;
                                subjectRef: string;
                                type: string;
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/cases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One case: its data, history and the actions you may take now */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: string[];
                            case: {
                                applicant: {
                                    id: string;
                                    kind: string;
                                };
                                assignedToMe: boolean;
                                assigneeId: string | null;
                                attachments: {
                                    contentType: string;
                                    field?: string;
                                    fileKey: string;
                                    filename: string;
                                }[];
                                /** Format: date-time */
                                closedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                dueAt: string | null;
                                id: string;
                                overdue: boolean;
                                reopenedFields: string[];
                                state: string;
                                subjectLabel: string;
                                subjectRef: string;
                                type: string;
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                            };
                            fields: string[];
                            history: {
                                action: string;
                                actorId: string;
                                actorKind: string;
                                /** Format: date-time */
                                at: string;
                                comment: string | null;
                                fields: string[] | null;
                                fromState: string | null;
                                toState: string | null;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/cases/{id}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Takes an action of the case type's table: send_back (naming the fields to correct), approve, reject (with a reason) or the type's own */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        action: string;
                        comment?: string;
                        fields?: string[];
                        /** @description the version of the case the user saw; a newer case refuses the action (409) */
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: string[];
                            case: {
                                applicant: {
                                    id: string;
                                    kind: string;
                                };
                                assignedToMe: boolean;
                                assigneeId: string | null;
                                attachments: {
                                    contentType: string;
                                    field?: string;
                                    fileKey: string;
                                    filename: string;
                                }[];
                                /** Format: date-time */
                                closedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                dueAt: string | null;
                                id: string;
                                overdue: boolean;
                                reopenedFields: string[];
                                state: string;
                                subjectLabel: string;
                                subjectRef: string;
                                type: string;
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                            };
                            fields: string[];
                            history: {
                                action: string;
                                actorId: string;
                                actorKind: string;
                                /** Format: date-time */
                                at: string;
                                comment: string | null;
                                fields: string[] | null;
                                fromState: string | null;
                                toState: string | null;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/cases/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 认领: take the case as yours */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        /** @description the version of the case the user saw; a newer case refuses the action (409) */
                        version?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: string[];
                            case: {
                                applicant: {
                                    id: string;
                                    kind: string;
                                };
                                assignedToMe: boolean;
                                assigneeId: string | null;
                                attachments: {
                                    contentType: string;
                                    field?: string;
                                    fileKey: string;
                                    filename: string;
                                }[];
                                /** Format: date-time */
                                closedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                dueAt: string | null;
                                id: string;
                                overdue: boolean;
                                reopenedFields: string[];
                                state: string;
                                subjectLabel: string;
                                subjectRef: string;
                                type: string;
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                            };
                            fields: string[];
                            history: {
                                action: string;
                                actorId: string;
                                actorKind: string;
                                /** Format: date-time */
                                at: string;
                                comment: string | null;
                                fields: string[] | null;
                                fromState: string | null;
                                toState: string | null;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/cases/{id}/comment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 备注: an internal comment */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        /** @description the version of the case the user saw; a newer case refuses the action (409) */
                        version?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: string[];
                            case: {
                                applicant: {
                                    id: string;
                                    kind: string;
                                };
                                assignedToMe: boolean;
                                assigneeId: string | null;
                                attachments: {
                                    contentType: string;
                                    field?: string;
                                    fileKey: string;
                                    filename: string;
                                }[];
                                /** Format: date-time */
                                closedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                dueAt: string | null;
                                id: string;
                                overdue: boolean;
                                reopenedFields: string[];
                                state: string;
                                subjectLabel: string;
                                subjectRef: string;
                                type: string;
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                            };
                            fields: string[];
                            history: {
                                action: string;
                                actorId: string;
                                actorKind: string;
                                /** Format: date-time */
                                at: string;
                                comment: string | null;
                                fields: string[] | null;
                                fromState: string | null;
                                toState: string | null;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/cases/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 释放: give the case back to the queue */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                        /** @description the version of the case the user saw; a newer case refuses the action (409) */
                        version?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: string[];
                            case: {
                                applicant: {
                                    id: string;
                                    kind: string;
                                };
                                assignedToMe: boolean;
                                assigneeId: string | null;
                                attachments: {
                                    contentType: string;
                                    field?: string;
                                    fileKey: string;
                                    filename: string;
                                }[];
                                /** Format: date-time */
                                closedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                /** Format: date-time */
                                dueAt: string | null;
                                id: string;
                                overdue: boolean;
                                reopenedFields: string[];
                                state: string;
                                subjectLabel: string;
                                subjectRef: string;
                                type: string;
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                            };
                            fields: string[];
                            history: {
                                action: string;
                                actorId: string;
                                actorKind: string;
                                /** Format: date-time */
                                at: string;
                                comment: string | null;
                                fields: string[] | null;
                                fromState: string | null;
                                toState: string | null;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/investor/authorisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record an authorisation a holder signed (授权管理), under its 业务权单号 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 证券账户 as typed: spaces and full-width characters are normalised */
                        accountNumber: string;
                        authorisationNumber: string;
                        authorisedParty: string;
                        business: "online_voting" | "securities_query" | "proxy_agency" | "certificate_request" | "meeting_attendance";
                        /**
                         * Format: date
                         * @description a calendar day, YYYY-MM-DD
                         */
                        validFrom: string;
                        /**
                         * Format: date
                         * @description a calendar day, YYYY-MM-DD
                         */
                        validTo: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountNumber: string;
                            authorisationNumber: string;
                            authorisedParty: string;
                            business: string;
                            revokedOn: string | null;
                            status: string;
                            validFrom: string;
                            validTo: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/investor/authorisations/{number}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke an authorisation from today */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    number: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountNumber: string;
                            authorisationNumber: string;
                            authorisedParty: string;
                            business: string;
                            revokedOn: string | null;
                            status: string;
                            validFrom: string;
                            validTo: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/investor/authorisations/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Find authorisations by securities account (as typed) or 业务权单号; in the body, so no account number is in a URL */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 证券账户 as typed: spaces and full-width characters are normalised */
                        accountNumber?: string;
                        authorisationNumber?: string;
                        page?: string;
                        pageSize?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                accountNumber: string;
                                authorisationNumber: string;
                                authorisedParty: string;
                                business: string;
                                revokedOn: string | null;
                                status: string;
                                validFrom: string;
                                validTo: string;
                            }[];
                            page: number;
                            pageSize: number;
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Background jobs (后台任务) with their status and progress */
        get: {
            parameters: {
                query?: {
                    page?: string;
                    pageSize?: string;
                    status?: "queued" | "running" | "done" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                createdAt: string;
                                finishedAt: string | null;
                                id: string;
                                lastError: string | null;
                                maxAttempts: number;
                                name: string;
                                progressDone: number | null;
                                progressTotal: number | null;
                                status: string;
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Staff sign-in: user name, password and authenticator code (TOTP) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                        totpCode: string;
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description a signed-in staff user */
                            principal: {
                                displayName: string;
                                id: string;
                                /** @enum {string} */
                                kind: "staff";
                                organisation: {
                                    code: string;
                                    id: string;
                                    kind: "depository" | "broker" | "futures";
                                    name: string;
                                };
                                permissions: string[];
                                roles: string[];
                                username: string;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/organisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Organisations (机构) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                code: string;
                                id: string;
                                kind: "depository" | "broker" | "futures";
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create an organisation (depository, broker or futures company) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        kind: "depository" | "broker" | "futures";
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            id: string;
                            kind: "depository" | "broker" | "futures";
                            name: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/queue/lines/{line}/counters/{counter}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A counter's state: its categories and the number it is serving */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the counter (窗口), e.g. 1号窗口 */
                    counter: string;
                    /** @description the line's key: a hall's region (beijing | shanghai | shenzhen) */
                    line: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            categories: string[];
                            counter: string;
                            current: {
                                callCount: number;
                                category: string;
                                categoryName: string;
                                kind: "walk_in" | "appointment";
                                number: string;
                                status: "waiting" | "called" | "served" | "absent";
                                ticketId: string;
                            } | null;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** 开启窗口: open the counter for these business categories */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the counter (窗口), e.g. 1号窗口 */
                    counter: string;
                    /** @description the line's key: a hall's region (beijing | shanghai | shenzhen) */
                    line: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        categories: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            categories: string[];
                            counter: string;
                            current: {
                                callCount: number;
                                category: string;
                                categoryName: string;
                                kind: "walk_in" | "appointment";
                                number: string;
                                status: "waiting" | "called" | "served" | "absent";
                                ticketId: string;
                            } | null;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/queue/lines/{line}/counters/{counter}/absent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 未到: the number called did not come */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the counter (窗口), e.g. 1号窗口 */
                    counter: string;
                    /** @description the line's key: a hall's region (beijing | shanghai | shenzhen) */
                    line: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            categories: string[];
                            counter: string;
                            current: {
                                callCount: number;
                                category: string;
                                categoryName: string;
                                kind: "walk_in" | "appointment";
                                number: string;
                                status: "waiting" | "called" | "served" | "absent";
                                ticketId: string;
                            } | null;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/queue/lines/{line}/counters/{counter}/call-next": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 叫号: call the next number for this counter (appointment holders in their period first) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the counter (窗口), e.g. 1号窗口 */
                    counter: string;
                    /** @description the line's key: a hall's region (beijing | shanghai | shenzhen) */
                    line: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            categories: string[];
                            counter: string;
                            current: {
                                callCount: number;
                                category: string;
                                categoryName: string;
                                kind: "walk_in" | "appointment";
                                number: string;
                                status: "waiting" | "called" | "served" | "absent";
                                ticketId: string;
                            } | null;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/queue/lines/{line}/counters/{counter}/recall": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 重呼: call the number being served again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the counter (窗口), e.g. 1号窗口 */
                    counter: string;
                    /** @description the line's key: a hall's region (beijing | shanghai | shenzhen) */
                    line: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            categories: string[];
                            counter: string;
                            current: {
                                callCount: number;
                                category: string;
                                categoryName: string;
                                kind: "walk_in" | "appointment";
                                number: string;
                                status: "waiting" | "called" | "served" | "absent";
                                ticketId: string;
                            } | null;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/queue/lines/{line}/counters/{counter}/served": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 已办理: the number being served is done */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the counter (窗口), e.g. 1号窗口 */
                    counter: string;
                    /** @description the line's key: a hall's region (beijing | shanghai | shenzhen) */
                    line: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            categories: string[];
                            counter: string;
                            current: {
                                callCount: number;
                                category: string;
                                categoryName: string;
                                kind: "walk_in" | "appointment";
                                number: string;
                                status: "waiting" | "called" | "served" | "absent";
                                ticketId: string;
                            } | null;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/queue/lines/{line}/counters/{counter}/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 转移: the number being served waits again in another business category */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the counter (窗口), e.g. 1号窗口 */
                    counter: string;
                    /** @description the line's key: a hall's region (beijing | shanghai | shenzhen) */
                    line: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        category: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            categories: string[];
                            counter: string;
                            current: {
                                callCount: number;
                                category: string;
                                categoryName: string;
                                kind: "walk_in" | "appointment";
                                number: string;
                                status: "waiting" | "called" | "served" | "absent";
                                ticketId: string;
                            } | null;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/accounts/{ref}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Journal entries of a securities account in a date range */
        get: {
            parameters: {
                query: {
                    /** @description a calendar day, YYYY-MM-DD */
                    from: string;
                    page?: string;
                    pageSize?: string;
                    /** @description a calendar day, YYYY-MM-DD */
                    to: string;
                };
                header?: never;
                path: {
                    /** @description opaque reference of a securities account (`ref` of POST /api/v1/staff/registry/accounts/lookup) */
                    ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description a whole number of shares, as a decimal string */
                                balanceAfter: string;
                                batchId: string;
                                businessType: string;
                                category: string;
                                code: string;
                                effectiveOn: string;
                                id: string;
                                market: string;
                                name: string;
                                /** @description a whole number of shares, as a decimal string */
                                quantity: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/accounts/{ref}/dividend-tax": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Dividend income tax records (股息红利个人所得税) of a securities account, by settlement date of the sale */
        get: {
            parameters: {
                query: {
                    /** @description a calendar day, YYYY-MM-DD */
                    from: string;
                    page?: string;
                    pageSize?: string;
                    /** @description a calendar day, YYYY-MM-DD */
                    to: string;
                };
                header?: never;
                path: {
                    /** @description opaque reference of a securities account (`ref` of POST /api/v1/staff/registry/accounts/lookup) */
                    ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                accountNumber: string;
                                acquiredOn: string;
                                band: string;
                                code: string;
                                /** @description an exact decimal, as a string */
                                dividendAmount: string;
                                /** @description an exact decimal, as a string */
                                dividendPerShare: string;
                                id: string;
                                market: string;
                                name: string;
                                /** @description an exact decimal, as a string */
                                quantity: string;
                                recordOn: string;
                                soldOn: string;
                                /** @description an exact decimal, as a string */
                                taxableAmount: string;
                                /** @description an exact decimal, as a string */
                                taxAmount: string;
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/accounts/{ref}/freezes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Freezes of a securities account in force or waiting at the end of a date: what each order asks, what of it is in force, what waits, and its term */
        get: {
            parameters: {
                query: {
                    /** @description a calendar day, YYYY-MM-DD */
                    date: string;
                };
                header?: never;
                path: {
                    /** @description opaque reference of a securities account (`ref` of POST /api/v1/staff/registry/accounts/lookup) */
                    ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                authority: string;
                                caseNumber: string;
                                code: string;
                                endOn: string | null;
                                /** @description a whole number of shares, as a decimal string */
                                frozenQuantity: string;
                                id: string;
                                kind: string;
                                name: string;
                                /** @description the term the order names, in months */
                                periodMonths: number;
                                /** @description a whole number of shares, as a decimal string */
                                quantity: string;
                                queueNo: number | null;
                                startOn: string | null;
                                status: string;
                                /** @description a whole number of shares, as a decimal string */
                                waitingQuantity: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/accounts/{ref}/holdings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Holdings of a securities account at the end of a date, by category */
        get: {
            parameters: {
                query: {
                    /** @description a calendar day, YYYY-MM-DD */
                    date: string;
                };
                header?: never;
                path: {
                    /** @description opaque reference of a securities account (`ref` of POST /api/v1/staff/registry/accounts/lookup) */
                    ref: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                code: string;
                                /** @description a whole number of shares, as a decimal string */
                                frozen: string;
                                market: string;
                                name: string;
                                /** @description a whole number of shares, as a decimal string */
                                pledged: string;
                                /** @description a whole number of shares, as a decimal string */
                                restricted: string;
                                securityClass: string;
                                /** @description a whole number of shares, as a decimal string */
                                tradable: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/accounts/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finds a securities account by its number (in the body, never in a URL) and answers the reference the account queries take */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        number: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            holderId: string;
                            kind: string;
                            market: string;
                            number: string;
                            /** @description opaque reference: what the account routes take in their path or query string */
                            ref: string;
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/distributions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Distributions, latest record date first */
        get: {
            parameters: {
                query?: {
                    page?: string;
                    pageSize?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description an exact decimal, as a string */
                                bonusPer10: string;
                                /** @description an exact decimal, as a string */
                                capitalisationPer10: string;
                                /** @description an exact decimal, as a string */
                                cashPer10: string;
                                /** @description an exact decimal, as a string */
                                cashRemainder: string | null;
                                cashRounding: string;
                                /** @description an exact decimal, as a string */
                                cashTotal: string | null;
                                code: string;
                                completedAt: string | null;
                                createdAt: string;
                                holders: number | null;
                                id: string;
                                /** @description seed of the drawing of lots that settled equal fractions (零碎股): replays it */
                                lotSeed: string | null;
                                market: string;
                                name: string;
                                payOn: string;
                                recordOn: string;
                                /** @description an exact decimal, as a string */
                                sharesEntitled: string | null;
                                /** @description an exact decimal, as a string */
                                sharesIssued: string | null;
                                status: string;
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Announce a distribution (权益分派): cash and/or bonus and capitalisation shares per 10 shares held at the record date */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description per 10 shares, a decimal string with at most 6 decimals */
                        bonusPer10?: string;
                        /** @description per 10 shares, a decimal string with at most 6 decimals */
                        capitalisationPer10?: string;
                        /** @description per 10 shares, a decimal string with at most 6 decimals */
                        cashPer10?: string;
                        code: string;
                        /** @description 交易市场 */
                        market: "SH" | "SZ" | "BJ";
                        /**
                         * Format: date
                         * @description a calendar day, YYYY-MM-DD
                         */
                        payOn: string;
                        /**
                         * Format: date
                         * @description a calendar day, YYYY-MM-DD
                         */
                        recordOn: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description an exact decimal, as a string */
                            bonusPer10: string;
                            /** @description an exact decimal, as a string */
                            capitalisationPer10: string;
                            /** @description an exact decimal, as a string */
                            cashPer10: string;
                            /** @description an exact decimal, as a string */
                            cashRemainder: string | null;
                            cashRounding: string;
                            /** @description an exact decimal, as a string */
                            cashTotal: string | null;
                            code: string;
                            completedAt: string | null;
                            createdAt: string;
                            holders: number | null;
                            id: string;
                            /** @description seed of the drawing of lots that settled equal fractions (零碎股): replays it */
                            lotSeed: string | null;
                            market: string;
                            name: string;
                            payOn: string;
                            recordOn: string;
                            /** @description an exact decimal, as a string */
                            sharesEntitled: string | null;
                            /** @description an exact decimal, as a string */
                            sharesIssued: string | null;
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/distributions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A distribution with its totals */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description an exact decimal, as a string */
                            bonusPer10: string;
                            /** @description an exact decimal, as a string */
                            capitalisationPer10: string;
                            /** @description an exact decimal, as a string */
                            cashPer10: string;
                            /** @description an exact decimal, as a string */
                            cashRemainder: string | null;
                            cashRounding: string;
                            /** @description an exact decimal, as a string */
                            cashTotal: string | null;
                            code: string;
                            completedAt: string | null;
                            createdAt: string;
                            holders: number | null;
                            id: string;
                            /** @description seed of the drawing of lots that settled equal fractions (零碎股): replays it */
                            lotSeed: string | null;
                            market: string;
                            name: string;
                            payOn: string;
                            recordOn: string;
                            /** @description an exact decimal, as a string */
                            sharesEntitled: string | null;
                            /** @description an exact decimal, as a string */
                            sharesIssued: string | null;
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/distributions/{id}/entitlements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Entitlements of a distribution per securities account, largest holdings first */
        get: {
            parameters: {
                query?: {
                    /** @description opaque reference of a securities account (`ref` of POST /api/v1/staff/registry/accounts/lookup) */
                    account?: string;
                    page?: string;
                    pageSize?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                accountNumber: string;
                                /** @description an exact decimal, as a string */
                                cashAmount: string;
                                /** @description an exact decimal, as a string */
                                quantity: string;
                                /** @description an exact decimal, as a string */
                                shares: string;
                                /** @description an exact decimal, as a string */
                                sharesFromFractions: string;
                                /** @description an exact decimal, as a string */
                                sharesWhole: string;
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/distributions/{id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Compute the entitlements and post the new shares, in a job (progress in the job list); running it again changes nothing */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            jobId: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/dividend-tax/computations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recompute the differentiated dividend tax records (of one security, or of all), in a job */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code?: string;
                        /** @description 交易市场 */
                        market?: "SH" | "SZ" | "BJ";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            jobId: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/event-imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Corporate-event imports with their progress and outcome (rejected lines included) */
        get: {
            parameters: {
                query?: {
                    kind?: "ipo-subscriptions" | "ipo-winning-tails" | "ipo-payments" | "abandonments" | "risk-disclosures" | "closing-prices";
                    page?: string;
                    pageSize?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                batchId: string;
                                bytes: number;
                                createdAt: string;
                                fileName: string;
                                finishedAt: string | null;
                                jobId: string;
                                kind: string;
                                lastError: string | null;
                                progressDone: number | null;
                                progressTotal: number | null;
                                result: {
                                    [key: string]: unknown;
                                } | null;
                                status: string;
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/event-imports/{kind}/{batchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Upload a corporate-event file (CSV, text/csv); a job checks it whole and applies it atomically, once
         * @description Kinds and columns: ipo-subscriptions (security_code,account_number,quantity,order_seq,ordered_at); ipo-winning-tails (security_code,tail); ipo-payments (security_code,account_number,paid_quantity,reported_on); abandonments (account_number,product_type,security_code,security_name,winning_quantity,abandoned_quantity,reported_on); risk-disclosures (account_number,disclosure_type,signed_on,broker); closing-prices (market,trading_day,security_code,close_price: one market and day imported once, capped by PRICE_UPLOAD_MAX_MB). A rejected file lists its bad lines in the import list.
         */
        put: {
            parameters: {
                query?: {
                    fileName?: string;
                };
                header?: never;
                path: {
                    batchId: string;
                    kind: "ipo-subscriptions" | "ipo-winning-tails" | "ipo-payments" | "abandonments" | "risk-disclosures" | "closing-prices";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bytes: number;
                            jobId: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/holders/{holderId}/abandonments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A holder’s abandoned subscriptions (放弃认购数据), newest first */
        get: {
            parameters: {
                query?: {
                    /** @description opaque reference of a securities account (`ref` of POST /api/v1/staff/registry/accounts/lookup) */
                    account?: string;
                    /** @description a calendar day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar day, YYYY-MM-DD */
                    to?: string;
                };
                header?: never;
                path: {
                    holderId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description a whole number of shares, as a decimal string */
                                abandonedQuantity: string;
                                accountNumber: string;
                                id: string;
                                market: string;
                                productType: string;
                                reportedOn: string;
                                securityCode: string;
                                securityName: string;
                                /** @description a whole number of shares, as a decimal string */
                                winningQuantity: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/holders/{holderId}/ipo-allotments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A holder’s subscriptions with their allotment numbers, winning numbers and payment (新股配号中签情况) */
        get: {
            parameters: {
                query?: {
                    /** @description opaque reference of a securities account (`ref` of POST /api/v1/staff/registry/accounts/lookup) */
                    account?: string;
                    /** @description a calendar day, YYYY-MM-DD */
                    from?: string;
                    /** @description a calendar day, YYYY-MM-DD */
                    to?: string;
                };
                header?: never;
                path: {
                    holderId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                accountNumber: string;
                                board: string;
                                drawn: boolean;
                                /** @description a whole number of shares, as a decimal string */
                                firstNumber: string | null;
                                id: string;
                                invalidReason: ("DUPLICATE_INVESTOR" | "DUPLICATE_ACCOUNT" | "ABOVE_QUOTA") | (never | null);
                                /** @description an exact decimal, as a string */
                                issuePrice: string;
                                /** @description a whole number of shares, as a decimal string */
                                lastNumber: string | null;
                                market: string;
                                /** @description a whole number of shares, as a decimal string */
                                numberCount: string;
                                payment: {
                                    /** @description a whole number of shares, as a decimal string */
                                    paidQuantity: string;
                                    reportedOn: string;
                                    result: string;
                                } | null;
                                productType: string;
                                /** @description a whole number of shares, as a decimal string */
                                quota: string | null;
                                securityCode: string;
                                securityName: string;
                                /** @description a whole number of shares, as a decimal string */
                                subscribedQuantity: string;
                                subscriptionDate: string;
                                /** @description false: an invalid subscription (无效申购), no allotment numbers */
                                valid: boolean;
                                /** @description a whole number of shares, as a decimal string */
                                winningCount: string | null;
                                winningNumbers: string[];
                                winningNumbersTruncated: boolean;
                                /** @description a whole number of shares, as a decimal string */
                                winningQuantity: string | null;
                                winningTails: string[];
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/holders/{holderId}/risk-disclosures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A holder’s risk-disclosure signings (风险揭示书签署日期), by account */
        get: {
            parameters: {
                query?: {
                    /** @description opaque reference of a securities account (`ref` of POST /api/v1/staff/registry/accounts/lookup) */
                    account?: string;
                };
                header?: never;
                path: {
                    holderId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                accountNumber: string;
                                broker: string;
                                disclosureType: string;
                                signedOn: string;
                                typeNameEn: string;
                                typeNameZh: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/holders/{holderId}/subscription-eligibility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** May the holder subscribe online in a market on a date, and if not why (the bar and the abandonments behind it) */
        get: {
            parameters: {
                query: {
                    /** @description a calendar day, YYYY-MM-DD */
                    date: string;
                    market: "SH" | "SZ";
                };
                header?: never;
                path: {
                    holderId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bar: {
                                abandonments: {
                                    /** @description a whole number of shares, as a decimal string */
                                    abandonedQuantity: string;
                                    accountNumber: string;
                                    id: string;
                                    market: string;
                                    productType: string;
                                    reportedOn: string;
                                    securityCode: string;
                                    securityName: string;
                                    /** @description a whole number of shares, as a decimal string */
                                    winningQuantity: string;
                                }[];
                                endOn: string;
                                startOn: string;
                            } | null;
                            counting: {
                                /** @description a whole number of shares, as a decimal string */
                                abandonedQuantity: string;
                                accountNumber: string;
                                id: string;
                                market: string;
                                productType: string;
                                reportedOn: string;
                                securityCode: string;
                                securityName: string;
                                /** @description a whole number of shares, as a decimal string */
                                winningQuantity: string;
                            }[];
                            date: string;
                            eligible: boolean;
                            holderId: string;
                            market: string;
                            rule: {
                                barDays: number;
                                count: number;
                                perMarket: boolean;
                                windowMonths: number;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/ipo-offerings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Offerings, newest subscription date first, with their winning tails */
        get: {
            parameters: {
                query?: {
                    page?: string;
                    pageSize?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                board: string;
                                /** @description a whole number of shares, as a decimal string */
                                firstNumber: string;
                                id: number;
                                /** @description an exact decimal, as a string */
                                issuePrice: string;
                                market: string;
                                name: string;
                                /** @description a whole number of shares, as a decimal string */
                                numbersAllotted: string;
                                productType: string;
                                securityCode: string;
                                /** @description a whole number of shares, as a decimal string */
                                sharesPerNumber: string;
                                status: string;
                                subscriptionDate: string;
                                /** @description a whole number of shares, as a decimal string */
                                unitShares: string;
                                winningTails: string[];
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Register an offering of new shares or CDRs (新股发行); the unit and numbers per unit follow its market and board */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        firstNumber?: string;
                        /** @description a decimal with at most 4 decimals, as a string */
                        issuePrice: string;
                        market: "SH" | "SZ";
                        name: string;
                        securityCode: string;
                        /**
                         * Format: date
                         * @description a calendar day, YYYY-MM-DD
                         */
                        subscriptionDate: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            board: string;
                            /** @description a whole number of shares, as a decimal string */
                            firstNumber: string;
                            id: number;
                            /** @description an exact decimal, as a string */
                            issuePrice: string;
                            market: string;
                            name: string;
                            /** @description a whole number of shares, as a decimal string */
                            numbersAllotted: string;
                            productType: string;
                            securityCode: string;
                            /** @description a whole number of shares, as a decimal string */
                            sharesPerNumber: string;
                            status: string;
                            subscriptionDate: string;
                            /** @description a whole number of shares, as a decimal string */
                            unitShares: string;
                            winningTails: string[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/ipo-offerings/{id}/lottery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the lottery: record the winning tails (中签号码) and compute every subscription’s winning numbers and quantity */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        tails: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            offeringId: number;
                            tails: string[];
                            winningAccounts: number;
                            /** @description a whole number of shares, as a decimal string */
                            winningNumbers: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/register-exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Register exports, newest first */
        get: {
            parameters: {
                query?: {
                    page?: string;
                    pageSize?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                bytes: number | null;
                                code: string;
                                createdAt: string;
                                date: string;
                                finishedAt: string | null;
                                format: string;
                                id: string;
                                jobId: string | null;
                                market: string;
                                name: string;
                                progressDone: number | null;
                                progressTotal: number | null;
                                rows: number | null;
                                status: string;
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Export the register of a security at a date (股东名册) as CSV or Excel, in a job */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        /**
                         * Format: date
                         * @description a calendar day, YYYY-MM-DD
                         */
                        date: string;
                        format: "csv" | "xlsx";
                        /** @description 交易市场 */
                        market: "SH" | "SZ" | "BJ";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            exportId: string;
                            jobId: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/register-exports/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the file of a finished register export */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the register file, CSV or xlsx */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                        "text/csv": string;
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["Error"];
                        "text/csv": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/risk-disclosure-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Boards and products that need a signed risk disclosure */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                code: string;
                                nameEn: string;
                                nameZh: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/securities/{market}/{code}/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The register of a security at the end of a date (股东名册), ranked by quantity */
        get: {
            parameters: {
                query: {
                    /** @description a calendar day, YYYY-MM-DD */
                    date: string;
                    limit?: string;
                };
                header?: never;
                path: {
                    code: string;
                    /** @description 交易市场 */
                    market: "SH" | "SZ" | "BJ";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                accountNumber: string;
                                /** @description a whole number of shares, as a decimal string */
                                frozen: string;
                                holderCategory: string;
                                holderKind: string;
                                holderName: string;
                                /** @description a whole number of shares, as a decimal string */
                                pledged: string;
                                rank: number;
                                /** @description a whole number of shares, as a decimal string */
                                restricted: string;
                                /** @description a whole number of shares, as a decimal string */
                                total: string;
                                /** @description a whole number of shares, as a decimal string */
                                tradable: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/settlement-batches/{batchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Upload a settlement batch (CSV, text/csv); a job validates it whole and applies it atomically
         * @description Columns: account_number,market,security_code,business_type,category,quantity,effective_on,reference. A batch already applied changes nothing; a rejected batch lists its bad lines in the import list.
         */
        put: {
            parameters: {
                query?: {
                    fileName?: string;
                };
                header?: never;
                path: {
                    batchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bytes: number;
                            jobId: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/registry/settlement-imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Settlement imports with their progress and outcome (rejected lines included) */
        get: {
            parameters: {
                query?: {
                    page?: string;
                    pageSize?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                batchId: string;
                                bytes: number;
                                createdAt: string;
                                fileName: string;
                                finishedAt: string | null;
                                jobId: string;
                                lastError: string | null;
                                progressDone: number | null;
                                progressTotal: number | null;
                                result: {
                                    [key: string]: unknown;
                                } | null;
                                status: string;
                            }[];
                            total: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Roles by kind of organisation, with their permissions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                organisationKind: "depository" | "broker" | "futures";
                                permissions: string[];
                                role: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Staff users (用户管理), of one organisation or all */
        get: {
            parameters: {
                query?: {
                    organisationId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                displayName: string;
                                id: string;
                                lockedUntil: string | null;
                                organisation: {
                                    code: string;
                                    id: string;
                                    kind: "depository" | "broker" | "futures";
                                    name: string;
                                };
                                roles: string[];
                                status: string;
                                username: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a staff user; the authenticator enrolment is returned once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName: string;
                        /** Format: uuid */
                        organisationId: string;
                        password: string;
                        roles: string[];
                        username: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            totp: {
                                otpauthUri: string;
                                qrDataUrl: string;
                                secret: string;
                            };
                            user: {
                                createdAt: string;
                                displayName: string;
                                id: string;
                                lockedUntil: string | null;
                                organisation: {
                                    code: string;
                                    id: string;
                                    kind: "depository" | "broker" | "futures";
                                    name: string;
                                };
                                roles: string[];
                                status: string;
                                username: string;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/users/{id}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a staff user's roles */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        roles: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            displayName: string;
                            id: string;
                            lockedUntil: string | null;
                            organisation: {
                                code: string;
                                id: string;
                                kind: "depository" | "broker" | "futures";
                                name: string;
                            };
                            roles: string[];
                            status: string;
                            username: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/users/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable or enable a staff user */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        status: "active" | "disabled";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            displayName: string;
                            id: string;
                            lockedUntil: string | null;
                            organisation: {
                                code: string;
                                id: string;
                                kind: "depository" | "broker" | "futures";
                                name: string;
                            };
                            roles: string[];
                            status: string;
                            username: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/users/{id}/totp-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace a staff user's authenticator secret */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            totp: {
                                otpauthUri: string;
                                qrDataUrl: string;
                                secret: string;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/users/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Clear the sign-in throttle of a staff user */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            displayName: string;
                            id: string;
                            lockedUntil: string | null;
                            organisation: {
                                code: string;
                                id: string;
                                kind: "depository" | "broker" | "futures";
                                name: string;
                            };
                            roles: string[];
                            status: string;
                            username: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/staff/users/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Find staff users (用户管理) by username or name; the search text is in the body, so no name is in a URL */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        organisationId?: string;
                        q?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                displayName: string;
                                id: string;
                                lockedUntil: string | null;
                                organisation: {
                                    code: string;
                                    id: string;
                                    kind: "depository" | "broker" | "futures";
                                    name: string;
                                };
                                roles: string[];
                                status: string;
                                username: string;
                            }[];
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/step-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Step-up check, step 2: the code; the session is stepped up for STEP_UP_MINUTES */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channel: "sms" | "email";
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            validUntil: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/step-up/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Step-up check (二次认证), step 1: graphic captcha, then a code to your phone or e-mail */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        captchaAnswer: string;
                        /** Format: uuid */
                        captchaId: string;
                        channel: "sms" | "email";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            destinationMasked: string;
                            expiresInSeconds: number;
                            resendAfterSeconds: number;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A verification of yours: its state and the methods offered (polled while an order report or a counter is awaited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An identity verification as the investor sees it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                [key: string]: string;
                            };
                            expiresAt: string;
                            id: string;
                            method: string | null;
                            /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                            methods: string[];
                            purpose: string;
                            remainingAttempts: number;
                            resultExpiresAt: string | null;
                            /** @description open | pending | passed | failed | abandoned | consumed | expired */
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verifications/{id}/counter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 通过临柜身份认证: ask to be verified at a broker counter */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description An identity verification as the investor sees it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                [key: string]: string;
                            };
                            expiresAt: string;
                            id: string;
                            method: string | null;
                            /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                            methods: string[];
                            purpose: string;
                            remainingAttempts: number;
                            resultExpiresAt: string | null;
                            /** @description open | pending | passed | failed | abandoned | consumed | expired */
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verifications/{id}/own-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 通过电子邮箱认证: the code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description An identity verification as the investor sees it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                [key: string]: string;
                            };
                            expiresAt: string;
                            id: string;
                            method: string | null;
                            /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                            methods: string[];
                            purpose: string;
                            remainingAttempts: number;
                            resultExpiresAt: string | null;
                            /** @description open | pending | passed | failed | abandoned | consumed | expired */
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verifications/{id}/own-email/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 通过电子邮箱认证: a code to your registered e-mail address */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresInSeconds: number;
                            resendAfterSeconds: number;
                            /** @description An identity verification as the investor sees it */
                            view: {
                                details: {
                                    [key: string]: string;
                                };
                                expiresAt: string;
                                id: string;
                                method: string | null;
                                /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                                methods: string[];
                                purpose: string;
                                remainingAttempts: number;
                                resultExpiresAt: string | null;
                                /** @description open | pending | passed | failed | abandoned | consumed | expired */
                                status: string;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verifications/{id}/own-mobile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 通过手机号认证: the code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description An identity verification as the investor sees it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                [key: string]: string;
                            };
                            expiresAt: string;
                            id: string;
                            method: string | null;
                            /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                            methods: string[];
                            purpose: string;
                            remainingAttempts: number;
                            resultExpiresAt: string | null;
                            /** @description open | pending | passed | failed | abandoned | consumed | expired */
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verifications/{id}/own-mobile/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 通过手机号认证: a code to your registered mobile number */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresInSeconds: number;
                            resendAfterSeconds: number;
                            /** @description An identity verification as the investor sees it */
                            view: {
                                details: {
                                    [key: string]: string;
                                };
                                expiresAt: string;
                                id: string;
                                method: string | null;
                                /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                                methods: string[];
                                purpose: string;
                                remainingAttempts: number;
                                resultExpiresAt: string | null;
                                /** @description open | pending | passed | failed | abandoned | consumed | expired */
                                status: string;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verifications/{id}/reselect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 重新选择其他验证方式: ends this attempt and starts a new one for the same purpose */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description An identity verification as the investor sees it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                [key: string]: string;
                            };
                            expiresAt: string;
                            id: string;
                            method: string | null;
                            /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                            methods: string[];
                            purpose: string;
                            remainingAttempts: number;
                            resultExpiresAt: string | null;
                            /** @description open | pending | passed | failed | abandoned | consumed | expired */
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verifications/{id}/reserved-phone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 通过（开户预留）手机号认证: the code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                    };
                };
            };
            responses: {
                /** @description An identity verification as the investor sees it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                [key: string]: string;
                            };
                            expiresAt: string;
                            id: string;
                            method: string | null;
                            /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                            methods: string[];
                            purpose: string;
                            remainingAttempts: number;
                            resultExpiresAt: string | null;
                            /** @description open | pending | passed | failed | abandoned | consumed | expired */
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verifications/{id}/reserved-phone/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 通过（开户预留）手机号认证: send a code to the phone reserved at account opening */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresInSeconds: number;
                            resendAfterSeconds: number;
                            /** @description An identity verification as the investor sees it */
                            view: {
                                details: {
                                    [key: string]: string;
                                };
                                expiresAt: string;
                                id: string;
                                method: string | null;
                                /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                                methods: string[];
                                purpose: string;
                                remainingAttempts: number;
                                resultExpiresAt: string | null;
                                /** @description open | pending | passed | failed | abandoned | consumed | expired */
                                status: string;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verifications/{id}/trading": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 通过交易报盘身份认证: a code to place as a marked order; the verification passes when the order report arrives */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description An identity verification as the investor sees it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                [key: string]: string;
                            };
                            expiresAt: string;
                            id: string;
                            method: string | null;
                            /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                            methods: string[];
                            purpose: string;
                            remainingAttempts: number;
                            resultExpiresAt: string | null;
                            /** @description open | pending | passed | failed | abandoned | consumed | expired */
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verifications/{id}/unionpay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 通过银联身份认证: the four elements and the SMS code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 银行卡号 */
                        cardNumber: string;
                        code: string;
                        /** @description 身份证号码 */
                        idNumber: string;
                        /** @description 银行预留手机号 */
                        mobile: string;
                        /** @description 持卡人姓名 */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description An identity verification as the investor sees it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            details: {
                                [key: string]: string;
                            };
                            expiresAt: string;
                            id: string;
                            method: string | null;
                            /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                            methods: string[];
                            purpose: string;
                            remainingAttempts: number;
                            resultExpiresAt: string | null;
                            /** @description open | pending | passed | failed | abandoned | consumed | expired */
                            status: string;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verifications/{id}/unionpay/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 通过银联身份认证: the four elements; the bank texts a code to its reserved phone */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 银行卡号 */
                        cardNumber: string;
                        /** @description 身份证号码 */
                        idNumber: string;
                        /** @description 银行预留手机号 */
                        mobile: string;
                        /** @description 持卡人姓名 */
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresInSeconds: number;
                            resendAfterSeconds: number;
                            /** @description An identity verification as the investor sees it */
                            view: {
                                details: {
                                    [key: string]: string;
                                };
                                expiresAt: string;
                                id: string;
                                method: string | null;
                                /** @description methods this subject may use: user_mobile | user_email | reserved_phone | unionpay | trading | counter */
                                methods: string[];
                                purpose: string;
                                remainingAttempts: number;
                                resultExpiresAt: string | null;
                                /** @description open | pending | passed | failed | abandoned | consumed | expired */
                                status: string;
                            };
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verify/certificates/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether a certificate with this verification code was issued, and what it certifies (personal data masked) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description verification code as printed (XXXX-XXXX-XXXX-XXXX), any case, dashes optional */
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountMasked: string | null;
                            code: string;
                            date: string | null;
                            from: string | null;
                            holderNameMasked: string;
                            /** Format: date-time */
                            issuedAt: string;
                            kind: "holding_balance" | "holding_changes" | "freezes" | "never_opened";
                            sha256: string;
                            summary: {
                                [key: string]: string | number;
                            };
                            title: string;
                            to: string | null;
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/verify/certificates/{code}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Checks a certificate file (application/pdf): exactly the file issued under this code, signed by the platform certificate */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description verification code as printed (XXXX-XXXX-XXXX-XXXX), any case, dashes optional */
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            genuine: boolean;
                            reason?: "signature_invalid" | "not_this_certificate";
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                423: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The database answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready";
                        };
                    };
                };
                /** @description The one error shape: a stable code, a message in the request language, details */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The one error shape: a stable code, a message in the request language, details */
        Error: {
            code: string;
            details: {
                [key: string]: unknown;
            };
            message: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
