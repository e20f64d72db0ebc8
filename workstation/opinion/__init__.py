"""The written opinion (重大行政执法决定法制审核意见书): content, DOCX, PDF."""
