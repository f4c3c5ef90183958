-- The boards and products whose first trade needs a signed risk disclosure (DOMAIN.md).
-- Configuration, not code: an operator adds a type with one INSERT or retires one with active = false.
INSERT INTO risk_disclosure_types (code, name_zh, name_en, sort_order) VALUES
  ('chinext', '创业板', 'ChiNext', 10),
  ('star', '科创板', 'STAR Market', 20),
  ('beijing', '北京证券交易所', 'Beijing Stock Exchange', 30),
  ('delisting', '退市整理期股票', 'Stocks in the delisting arrangement period', 40),
  ('risk_warning', '风险警示股票', 'Risk-warning stocks', 50),
  ('star_cdr', '科创板存托凭证', 'STAR Market CDRs', 60),
  ('convertible_bond', '可转换公司债券', 'Convertible bonds', 70)
ON CONFLICT (code) DO NOTHING;
