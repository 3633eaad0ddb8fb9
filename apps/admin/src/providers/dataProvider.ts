import simpleRestProvider from 'ra-data-simple-rest';

/** The backend serves the panel and its API from one origin; the API lives under /api. */
export const createDataProvider = (apiUrl = '/api') => simpleRestProvider(apiUrl);
