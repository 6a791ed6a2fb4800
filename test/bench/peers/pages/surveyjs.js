// SurveyJS Form Library with its vanilla renderer (survey-js-ui), set up as its "Add a Survey to a JavaScript
// Application" guide shows for a bundler: the model from the survey JSON, its stylesheet, renderSurvey.
// The fontless stylesheet: the default one loads Open Sans from Google's servers, which the bench cannot reach.
import 'survey-core/survey-core.fontless.min.css';
import { Model } from 'survey-core';
import { renderSurvey } from 'survey-js-ui';
import json from '../build/definitions/surveyjs.json';

const survey = new Model(json);
renderSurvey(survey, document.getElementById('root'));
